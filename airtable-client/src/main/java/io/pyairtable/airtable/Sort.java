package io.pyairtable.airtable;

import java.util.Objects;

/** One sort key of a list request. */
public record Sort(String field, Direction direction) {
    public enum Direction { ASC, DESC }

    public Sort {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(direction, "direction");
        if (field.isEmpty()) {
            throw new IllegalArgumentException("sort field must not be empty");
        }
    }

    public static Sort asc(String field) {
        return new Sort(field, Direction.ASC);
    }

    public static Sort desc(String field) {
        return new Sort(field, Direction.DESC);
    }
}
