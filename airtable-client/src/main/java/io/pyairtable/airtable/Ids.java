package io.pyairtable.airtable;

import java.util.regex.Pattern;

/** Validation of Airtable ids: a three-letter prefix and 14 letters or digits. */
public final class Ids {
    private static final Pattern BASE = Pattern.compile("app[A-Za-z0-9]{14}");
    private static final Pattern RECORD = Pattern.compile("rec[A-Za-z0-9]{14}");
    private static final Pattern TABLE = Pattern.compile("tbl[A-Za-z0-9]{14}");
    private static final Pattern FIELD = Pattern.compile("fld[A-Za-z0-9]{14}");

    private Ids() {}

    public static boolean isBaseId(String value) {
        return value != null && BASE.matcher(value).matches();
    }

    public static boolean isRecordId(String value) {
        return value != null && RECORD.matcher(value).matches();
    }

    public static boolean isTableId(String value) {
        return value != null && TABLE.matcher(value).matches();
    }

    public static boolean isFieldId(String value) {
        return value != null && FIELD.matcher(value).matches();
    }

    static String requireBaseId(String value) {
        if (!isBaseId(value)) {
            throw new IllegalArgumentException("not an Airtable base id (app + 14 letters or digits): " + quoted(value));
        }
        return value;
    }

    static String requireRecordId(String value) {
        if (!isRecordId(value)) {
            throw new IllegalArgumentException("not an Airtable record id (rec + 14 letters or digits): " + quoted(value));
        }
        return value;
    }

    private static String quoted(String value) {
        if (value == null) {
            return "null";
        }
        return "\"" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "\"";
    }
}
