package io.switchboard.shared;

import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

/** Page request bound from {@code ?page=&size=}; 0-based, 20 items by default, 100 at most. */
public record PageQuery(
        @Parameter(description = "0-based page number") @Nullable @Min(0)
        Integer page,

        @Parameter(description = "items per page, 1..100") @Nullable @Min(1) @Max(100)
        Integer size) {

    public int pageOrDefault() {
        return page == null ? 0 : page;
    }

    public int sizeOrDefault() {
        return size == null ? 20 : size;
    }

    public int offset() {
        return pageOrDefault() * sizeOrDefault();
    }
}
