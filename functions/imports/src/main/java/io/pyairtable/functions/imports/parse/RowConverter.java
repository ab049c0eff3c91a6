package io.pyairtable.functions.imports.parse;

import io.pyairtable.airtable.Schema.FieldSchema;
import io.pyairtable.airtable.Schema.TableSchema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Maps source columns to a table's fields and converts rows to Airtable {@code fields} maps (keyed by field name,
 * values in the shape the records API accepts). The rules per field type are in docs/import-formats.md. Not
 * thread-safe (it caches column resolutions); one per import.
 */
public final class RowConverter {

    private final TableSchema table;
    private final Map<String, String> mapping;
    private final boolean typecast;
    private final Map<String, FieldRule> rules = new HashMap<>();
    private final Map<String, Target> targets = new HashMap<>();

    /**
     * @param table the table's schema as Airtable's metadata API returns it
     * @param mapping source column → field name or id ({@code ""} or null = ignore the column); columns it does not
     *        mention map to the field of the same name (exact, else the only case-insensitive match); a null mapping
     *        maps every column that way
     * @param typecast Airtable's typecast flag: new select options, links by primary field value, scalars as text
     */
    public RowConverter(TableSchema table, Map<String, String> mapping, boolean typecast) {
        this.table = Objects.requireNonNull(table, "table");
        this.mapping = mapping == null ? null : new HashMap<>(mapping);
        this.typecast = typecast;
    }

    /**
     * The problems with the columns and the mapping, for the whole file ({@code row} 0): UNKNOWN_COLUMN,
     * UNKNOWN_FIELD, READ_ONLY_FIELD, UNSUPPORTED_FIELD_TYPE (without typecast), DUPLICATE_TARGET. Empty when
     * every column maps to a writable field or is ignored.
     */
    public List<RowError> checkColumns(List<String> columns) {
        List<RowError> errors = new ArrayList<>();
        Map<String, String> columnByField = new HashMap<>();
        Set<String> reported = new LinkedHashSet<>();
        for (String column : columns) {
            Target target = target(column);
            if (target.error != null) {
                errors.add(target.error);
                reported.add(column);
                continue;
            }
            if (target.rule == null) {
                continue;
            }
            FieldSchema field = target.rule.field();
            String earlier = columnByField.putIfAbsent(field.id(), column);
            if (earlier != null) {
                errors.add(new RowError(0, column, field.name(), "DUPLICATE_TARGET", "Columns " + Texts.quote(earlier)
                        + " and " + Texts.quote(column) + " both map to the field " + Texts.quote(field.name())
                        + "; map one of them elsewhere or ignore it."));
            }
        }
        if (mapping != null) {
            for (Map.Entry<String, String> entry : mapping.entrySet()) {
                String to = entry.getValue();
                if (to == null || to.isEmpty() || reported.contains(entry.getKey()) || findField(to, false) != null) {
                    continue;
                }
                errors.add(unknownField(0, entry.getKey(), to));
            }
        }
        return errors;
    }

    /**
     * One row → the Airtable fields map, or errors. Empty values (null, blank text, empty arrays) are left out. A
     * column not seen by {@link #checkColumns} (a key that appears only in later JSON records) is resolved here and
     * its problem reported on the row.
     */
    public Converted convert(SourceRow row) {
        Map<String, Object> fields = new LinkedHashMap<>();
        List<RowError> errors = null;
        for (Map.Entry<String, Object> entry : row.values().entrySet()) {
            Object value = entry.getValue();
            if (isEmpty(value)) {
                continue;
            }
            String column = entry.getKey();
            Target target = target(column);
            RowError problem = target.error;
            if (problem == null && target.rule == null) {
                continue;
            }
            if (problem == null) {
                FieldRule rule = target.rule;
                String name = rule.field().name();
                try {
                    Object converted = rule.convert(value);
                    if (converted != null) {
                        if (fields.containsKey(name)) {
                            problem = new RowError(row.number(), column, name, "DUPLICATE_TARGET",
                                    "Another column of this row already sets the field " + Texts.quote(name) + ".");
                        } else {
                            fields.put(name, converted);
                        }
                    }
                } catch (ValueException e) {
                    problem = new RowError(row.number(), column, name, e.code(),
                            capitalize(e.getMessage()) + " (field " + Texts.quote(name) + ").");
                }
            } else {
                problem = new RowError(row.number(), problem.column(), problem.field(), problem.code(),
                        problem.message());
            }
            if (problem != null) {
                if (errors == null) {
                    errors = new ArrayList<>();
                }
                errors.add(problem);
            }
        }
        return new Converted(row.number(), fields, errors == null ? List.of() : errors);
    }

    /**
     * A converted row: the {@code fields} to send (by field name) and the problems found; the row is to be sent only
     * if {@link #valid()}.
     */
    public record Converted(long row, Map<String, Object> fields, List<RowError> errors) {
        public Converted {
            fields = Collections.unmodifiableMap(fields);
            errors = List.copyOf(errors);
        }

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    // ---- resolution ----

    /** Where a column goes: a field's rule, nowhere (ignored: both null), or a problem. */
    private record Target(FieldRule rule, RowError error) {}

    private static final Target IGNORED = new Target(null, null);

    /** Columns whose resolution is remembered: JSON records could otherwise bring unboundedly many keys. */
    private static final int MAX_CACHED_COLUMNS = 10_000;

    private Target target(String column) {
        Target cached = targets.get(column);
        if (cached == null) {
            cached = resolve(column);
            if (targets.size() < MAX_CACHED_COLUMNS) {
                targets.put(column, cached);
            }
        }
        return cached;
    }

    private Target resolve(String column) {
        FieldSchema field;
        if (mapping != null && mapping.containsKey(column)) {
            String to = mapping.get(column);
            if (to == null || to.isEmpty()) {
                return IGNORED;
            }
            field = findField(to, false);
            if (field == null) {
                return new Target(null, unknownField(0, column, to));
            }
        } else {
            field = findField(column, true);
            if (field == null) {
                return new Target(null, new RowError(0, column, null, "UNKNOWN_COLUMN", "The column "
                        + Texts.quote(column) + " matches no field of the table " + Texts.quote(table.name())
                        + "; map it to a field or ignore it."));
            }
        }
        String type = field.type() == null ? "" : field.type();
        if (FieldRule.READ_ONLY_TYPES.contains(type)) {
            return new Target(null, new RowError(0, column, field.name(), "READ_ONLY_FIELD", "The column "
                    + Texts.quote(column) + " maps to the field " + Texts.quote(field.name()) + ", a " + type
                    + " field whose values Airtable computes; ignore the column."));
        }
        if (!typecast && !FieldRule.SUPPORTED_TYPES.contains(type)) {
            return new Target(null, new RowError(0, column, field.name(), "UNSUPPORTED_FIELD_TYPE", "The column "
                    + Texts.quote(column) + " maps to the field " + Texts.quote(field.name()) + " of type " + type
                    + ", which imports cannot write; ignore the column or turn on typecast."));
        }
        return new Target(rules.computeIfAbsent(field.id(), id -> new FieldRule(field, typecast)), null);
    }

    private RowError unknownField(long row, String column, String to) {
        return new RowError(row, column, to, "UNKNOWN_FIELD", "The column " + Texts.quote(column)
                + " is mapped to " + Texts.quote(to) + ", which is not a field of the table "
                + Texts.quote(table.name()) + ".");
    }

    /** The field with this id, else this exact name, else (if allowed) the only field with this name ignoring case. */
    private FieldSchema findField(String idOrName, boolean foldCase) {
        FieldSchema byName = null;
        for (FieldSchema field : table.fields()) {
            if (idOrName.equals(field.id())) {
                return field;
            }
            if (byName == null && idOrName.equals(field.name())) {
                byName = field;
            }
        }
        if (byName != null) {
            return byName;
        }
        String trimmed = idOrName.trim();
        FieldSchema folded = null;
        for (FieldSchema field : table.fields()) {
            if (field.name() != null && (foldCase ? field.name().trim().equalsIgnoreCase(trimmed)
                    : field.name().equals(trimmed))) {
                if (folded != null) {
                    return null; // ambiguous
                }
                folded = field;
            }
        }
        return folded;
    }

    static boolean isEmpty(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof String text) {
            return text.isBlank();
        }
        if (value instanceof Collection<?> list) {
            return list.isEmpty();
        }
        if (value instanceof Map<?, ?> map) {
            return map.isEmpty();
        }
        return false;
    }

    private static String capitalize(String message) {
        return message.isEmpty() ? message : message.substring(0, 1).toUpperCase(Locale.ROOT) + message.substring(1);
    }
}
