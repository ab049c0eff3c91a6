package io.pyairtable.sandbox;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A field definition for {@link AirtableSandbox#createBase(String, List)}: a name, an Airtable
 * field type name (e.g. {@code "singleLineText"}, {@code "number"}) and the type's options as the
 * metadata API spells them. For {@code multipleRecordLinks}, {@code linkedTableId} may be the
 * name of another table of the same base.
 *
 * @param name the field name
 * @param type the Airtable type name
 * @param options type options (may be empty)
 */
public record FieldSpec(String name, String type, Map<String, Object> options) {

    public FieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** A field of the given type without options. */
    public static FieldSpec of(String name, String type) {
        return new FieldSpec(name, type, Map.of());
    }

    /** A {@code singleLineText} field. */
    public static FieldSpec text(String name) {
        return of(name, "singleLineText");
    }

    /** A {@code number} field with the given number of decimals. */
    public static FieldSpec number(String name, int precision) {
        return new FieldSpec(name, "number", Map.of("precision", precision));
    }

    /** A {@code singleSelect} field with the given choices. */
    public static FieldSpec singleSelect(String name, String... choices) {
        return new FieldSpec(name, "singleSelect", Map.of("choices", choiceList(choices)));
    }

    /** A {@code multipleSelects} field with the given choices. */
    public static FieldSpec multipleSelects(String name, String... choices) {
        return new FieldSpec(name, "multipleSelects", Map.of("choices", choiceList(choices)));
    }

    /** A {@code multipleRecordLinks} field to the table with the given name (or id) in the same base. */
    public static FieldSpec link(String name, String linkedTable) {
        return new FieldSpec(name, "multipleRecordLinks", Map.of("linkedTableId", linkedTable));
    }

    private static List<Map<String, String>> choiceList(String... choices) {
        return Arrays.stream(choices).map(choice -> Map.of("name", choice)).toList();
    }
}
