package io.pyairtable.functions.imports.parse;

import java.math.BigDecimal;

/**
 * Parses decimal numbers written by people and spreadsheets: an optional sign, digits with an optional decimal point
 * (a dot) and exponent, or digits with comma thousands separators in groups of three when that is unambiguous — that
 * is, with a decimal part ({@code 1,234.5}) or several groups ({@code 1,234,567}). {@code 1,234} alone is rejected:
 * it is 1234 in one convention and 1.234 in another.
 */
final class Numbers {
    private Numbers() {}

    /** The problem with the text, if {@link #parse} would return null. */
    static final String EXPECTED = "expected a number such as 1234.5, -0.25 or 1,234,567.89"
            + " (a dot separates decimals; commas may separate thousands)";

    /** The number, or null if the text is not one of the accepted forms. */
    static BigDecimal parse(String text) {
        int length = text.length();
        int i = 0;
        if (i < length && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            i++;
        }
        int commas = 0;
        int groupDigits = 0;
        int integerDigits = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                integerDigits++;
                groupDigits++;
                i++;
            } else if (c == ',') {
                if ((commas == 0 ? groupDigits < 1 || groupDigits > 3 : groupDigits != 3)) {
                    return null;
                }
                commas++;
                groupDigits = 0;
                i++;
            } else {
                break;
            }
        }
        if (commas > 0 && groupDigits != 3) {
            return null;
        }
        int fractionDigits = 0;
        boolean point = i < length && text.charAt(i) == '.';
        if (point) {
            i++;
            while (i < length && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
                fractionDigits++;
            }
        }
        if (integerDigits + fractionDigits == 0) {
            return null;
        }
        if (commas == 1 && !point) {
            return null; // 1,234: ambiguous
        }
        if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            if (commas > 0) {
                return null;
            }
            i++;
            if (i < length && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < length && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0 || exponentDigits > 4) {
                return null;
            }
        }
        if (i != length) {
            return null;
        }
        String plain = commas > 0 ? text.replace(",", "") : text;
        try {
            return new BigDecimal(plain);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether the text is of the ambiguous form {@code 1,234} (one comma group, no decimal part). */
    static boolean ambiguousThousands(String text) {
        String unsigned = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        return unsigned.matches("\\d{1,3},\\d{3}");
    }
}
