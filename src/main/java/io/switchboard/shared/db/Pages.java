package io.switchboard.shared.db;

import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.SelectLimitStep;

/** One page of an ordered query plus the total count, the way every list endpoint answers. */
public final class Pages {

    private Pages() {}

    public static <R extends Record, T> PageResponse<T> fetch(
            DSLContext db, PageQuery page, SelectLimitStep<R> orderedQuery, RecordMapper<? super R, T> mapper) {
        long total = db.fetchCount(orderedQuery);
        var items =
                orderedQuery.limit(page.sizeOrDefault()).offset(page.offset()).fetch(mapper);
        return PageResponse.of(items, page, total);
    }
}
