package io.pyairtable.sandbox;

import java.util.Arrays;
import java.util.Optional;

/** The Airtable field types the sandbox stores, with their API names. */
enum FieldType {
    SINGLE_LINE_TEXT("singleLineText", Kind.TEXT),
    MULTILINE_TEXT("multilineText", Kind.TEXT),
    RICH_TEXT("richText", Kind.TEXT),
    EMAIL("email", Kind.TEXT),
    URL("url", Kind.TEXT),
    PHONE_NUMBER("phoneNumber", Kind.TEXT),
    NUMBER("number", Kind.NUMBER),
    CURRENCY("currency", Kind.NUMBER),
    PERCENT("percent", Kind.NUMBER),
    RATING("rating", Kind.NUMBER),
    DURATION("duration", Kind.NUMBER),
    CHECKBOX("checkbox", Kind.OTHER),
    DATE("date", Kind.OTHER),
    DATE_TIME("dateTime", Kind.OTHER),
    SINGLE_SELECT("singleSelect", Kind.OTHER),
    MULTIPLE_SELECTS("multipleSelects", Kind.OTHER),
    MULTIPLE_RECORD_LINKS("multipleRecordLinks", Kind.OTHER),
    MULTIPLE_ATTACHMENTS("multipleAttachments", Kind.OTHER),
    AUTO_NUMBER("autoNumber", Kind.COMPUTED),
    CREATED_TIME("createdTime", Kind.COMPUTED),
    LAST_MODIFIED_TIME("lastModifiedTime", Kind.COMPUTED),
    FORMULA("formula", Kind.COMPUTED),
    COUNT("count", Kind.COMPUTED);

    private enum Kind { TEXT, NUMBER, OTHER, COMPUTED }

    private final String apiName;
    private final Kind kind;

    FieldType(String apiName, Kind kind) {
        this.apiName = apiName;
        this.kind = kind;
    }

    /** The name used in the metadata API, e.g. {@code "singleLineText"}. */
    String apiName() {
        return apiName;
    }

    static Optional<FieldType> fromApiName(String name) {
        return Arrays.stream(values()).filter(type -> type.apiName.equals(name)).findFirst();
    }

    boolean isText() {
        return kind == Kind.TEXT;
    }

    boolean isNumeric() {
        return kind == Kind.NUMBER;
    }

    /** Computed fields are read-only through the records API. */
    boolean isComputed() {
        return kind == Kind.COMPUTED;
    }

    /** Whether a table's first (primary) field may have this type. */
    boolean canBePrimary() {
        return switch (this) {
            case CHECKBOX, SINGLE_SELECT, MULTIPLE_SELECTS, MULTIPLE_RECORD_LINKS, MULTIPLE_ATTACHMENTS,
                    RATING, COUNT -> false;
            default -> true;
        };
    }
}
