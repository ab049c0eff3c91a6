package io.pyairtable.airtable;

/**
 * Options of a write.
 *
 * @param typecast              let Airtable convert strings to the field's type (and create select options)
 * @param returnFieldsByFieldId key the returned records' fields by field id
 */
public record WriteOptions(boolean typecast, boolean returnFieldsByFieldId) {
    public static final WriteOptions DEFAULT = new WriteOptions(false, false);

    public static WriteOptions withTypecast() {
        return new WriteOptions(true, false);
    }
}
