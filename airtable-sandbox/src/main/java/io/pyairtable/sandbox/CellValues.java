package io.pyairtable.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;

/** Helpers for the JSON-like cell values the sandbox stores. */
final class CellValues {

    /** Airtable's timestamp format, always UTC with milliseconds: {@code 2024-01-31T09:30:00.000Z}. */
    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private CellValues() {
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /** Airtable never returns empty cells: no null, "", false or []. */
    static boolean isEmpty(Object value) {
        return value == null
                || (value instanceof String text && text.isEmpty())
                || Boolean.FALSE.equals(value)
                || (value instanceof Collection<?> list && list.isEmpty());
    }

    /** Stores numbers as {@code Long} when integral, else {@code Double}, so equal numbers are equal objects. */
    static Number normalizeNumber(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
            return stripped.longValueExact();
        }
        return number.doubleValue();
    }

    static BigDecimal toBigDecimal(Number number) {
        return number instanceof Long || number instanceof Integer
                ? BigDecimal.valueOf(number.longValue())
                : new BigDecimal(number.toString());
    }

    /** Record ids held by a link cell (empty list for an empty cell). */
    @SuppressWarnings("unchecked")
    static List<String> linkedIds(Object value) {
        return value instanceof List<?> list ? (List<String>) list : List.of();
    }

    /** Normalises a value read from a snapshot file (Jackson reads numbers as Integer/BigDecimal). */
    static Object normalizeLoaded(Object value) {
        if (value instanceof BigDecimal decimal) {
            return normalizeNumber(decimal);
        }
        if (value instanceof Integer integer) {
            return integer.longValue();
        }
        if (value instanceof Double || value instanceof Long) {
            return value;
        }
        if (value instanceof Number number) {
            return normalizeNumber(new BigDecimal(number.toString()));
        }
        return value;
    }
}
