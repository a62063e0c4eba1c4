package io.switchboard.shared;

import java.util.List;
import java.util.function.Function;

/** One page of a list answer with enough totals for a pager. */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    public static <T> PageResponse<T> of(List<T> items, PageQuery query, long totalItems) {
        int size = query.sizeOrDefault();
        int totalPages = (int) ((totalItems + size - 1) / size);
        return new PageResponse<>(items, query.pageOrDefault(), size, totalItems, totalPages);
    }

    public <R> PageResponse<R> map(Function<T, R> mapper) {
        return new PageResponse<>(items.stream().map(mapper).toList(), page, size, totalItems, totalPages);
    }
}
