package io.pyairtable.functions.imports.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Fast paths for the ISO 8601 shapes most files use ({@code yyyy-MM-dd}, {@code yyyy-MM-ddTHH:mm[:ss]}) and for
 * Airtable's timestamp format; java.time's formatters are several times slower per value. Each method returns null
 * when the text is not exactly its shape, and the caller then uses the full java.time parser (which also produces
 * the error for invalid text).
 */
final class IsoTimes {
    private IsoTimes() {}

    /** {@code yyyy-MM-dd} starting at {@code from} and ending at {@code from + 10}; null if not that, or no such day. */
    static LocalDate date(String text, int from) {
        if (text.length() < from + 10 || text.charAt(from + 4) != '-' || text.charAt(from + 7) != '-') {
            return null;
        }
        int year = digits(text, from, 4);
        int month = digits(text, from + 5, 2);
        int day = digits(text, from + 8, 2);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Exactly {@code yyyy-MM-ddTHH:mm} or {@code yyyy-MM-ddTHH:mm:ss}; null otherwise. */
    static LocalDateTime localDateTime(String text) {
        int length = text.length();
        if (length != 16 && length != 19 || text.charAt(10) != 'T' || text.charAt(13) != ':') {
            return null;
        }
        LocalDate date = date(text, 0);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = 0;
        if (length == 19) {
            if (text.charAt(16) != ':') {
                return null;
            }
            second = digits(text, 17, 2);
        }
        if (date == null || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        return date.atTime(hour, minute, second);
    }

    /** Airtable's timestamp format, always UTC with milliseconds: {@code 2024-01-31T09:30:00.000Z}. */
    static String timestamp(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        int year = utc.getYear();
        if (year < 0 || year > 9999) {
            return null;
        }
        char[] out = new char[24];
        put(out, 0, year, 4);
        out[4] = '-';
        put(out, 5, utc.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, utc.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, utc.getHour(), 2);
        out[13] = ':';
        put(out, 14, utc.getMinute(), 2);
        out[16] = ':';
        put(out, 17, utc.getSecond(), 2);
        out[19] = '.';
        put(out, 20, utc.getNano() / 1_000_000, 3);
        out[23] = 'Z';
        return new String(out);
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
