package io.pyairtable.functions.imports.parse;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;

/** How XLSX cell values become the strings a user sees in Excel. */
final class ExcelValues {
    /** Excel shows at most 15 significant digits; the stored binary double may carry 17. */
    private static final MathContext EXCEL_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);
    private static final LocalDate EPOCH_1900 = LocalDate.of(1899, 12, 30);
    private static final LocalDate EPOCH_1904 = LocalDate.of(1904, 1, 1);
    /** 9999-12-31, Excel's last date. */
    private static final double MAX_SERIAL = 2_958_466;

    private ExcelValues() {}

    /** A stored number as a plain decimal string with Excel's 15 significant digits; the text itself if not a number. */
    static String number(String stored) {
        try {
            BigDecimal value = new BigDecimal(stored.trim()).round(EXCEL_DIGITS).stripTrailingZeros();
            return value.signum() == 0 ? "0" : value.toPlainString();
        } catch (NumberFormatException e) {
            return stored;
        }
    }

    /**
     * A date serial number as ISO text: {@code yyyy-MM-dd} when it has no time of day, {@code yyyy-MM-ddTHH:mm:ss}
     * when it has (rounded to the second), {@code HH:mm:ss} for a time alone (0 ≤ serial &lt; 1). Null when the
     * number is not a date Excel can show (negative, past 9999, not a number).
     */
    static String date(String stored, boolean date1904) {
        double serial;
        try {
            serial = Double.parseDouble(stored.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        if (!(serial >= 0 && serial < MAX_SERIAL)) {
            return null;
        }
        long seconds = Math.round(serial * 86_400);
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = Math.floorMod(seconds, 86_400);
        LocalTime time = LocalTime.ofSecondOfDay(secondOfDay);
        if (serial < 1) {
            return time.toString().length() == 5 ? time + ":00" : time.toString();
        }
        LocalDate date;
        if (date1904) {
            date = EPOCH_1904.plusDays(days);
        } else {
            // Excel's serial 60 is the fictitious 1900-02-29: before it, serials are one day later than the epoch says
            date = EPOCH_1900.plusDays(days < 60 ? days + 1 : days);
        }
        if (secondOfDay == 0) {
            return date.toString();
        }
        String clock = time.toString();
        return date + "T" + (clock.length() == 5 ? clock + ":00" : clock);
    }

    /** Built-in number formats that show dates or times (14–22, 45–47, and the East Asian 27–36, 50–58). */
    static boolean isBuiltInDateFormat(int id) {
        return id >= 14 && id <= 22 || id >= 45 && id <= 47 || id >= 27 && id <= 36 || id >= 50 && id <= 58;
    }

    /**
     * Whether a custom format code shows a date or time: it contains d, m, y, h or s outside quoted text, escaped
     * characters ({@code \x}, {@code _x}, {@code *x}) and brackets (colours, locales, conditions; {@code [h]} elapsed
     * hours count as a time). Only the first section (positive numbers) is considered.
     */
    static boolean isDateFormat(String code) {
        if (code == null) {
            return false;
        }
        boolean quoted = false;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (quoted) {
                quoted = c != '"';
                continue;
            }
            switch (c) {
                case '"' -> quoted = true;
                case '\\', '_', '*' -> i++;
                case '[' -> {
                    int end = code.indexOf(']', i);
                    if (end < 0) {
                        return false;
                    }
                    String inside = code.substring(i + 1, end).toLowerCase(Locale.ROOT);
                    if (!inside.isEmpty() && inside.chars().allMatch(ch -> ch == 'h' || ch == 'm' || ch == 's')) {
                        return true;
                    }
                    i = end;
                }
                case ';' -> {
                    return false;
                }
                default -> {
                    char lower = Character.toLowerCase(c);
                    if (lower == 'd' || lower == 'm' || lower == 'y' || lower == 'h' || lower == 's') {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
