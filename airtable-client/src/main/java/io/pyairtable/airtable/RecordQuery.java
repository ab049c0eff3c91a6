package io.pyairtable.airtable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Options of a list request (Airtable "List records"). Immutable; build with {@link #builder()}.
 * <pre>{@code
 * RecordQuery q = RecordQuery.builder()
 *         .fields("Name", "Amount")
 *         .sort(Sort.desc("Amount"))
 *         .filter(Formula.fieldEquals("Stage", "Won"))
 *         .pageSize(50)
 *         .build();
 * }</pre>
 */
public final class RecordQuery {
    public enum CellFormat { JSON, STRING }

    private static final RecordQuery ALL = builder().build();

    private final Integer pageSize;
    private final Integer maxRecords;
    private final String view;
    private final List<String> fields;
    private final List<Sort> sort;
    private final Formula filter;
    private final CellFormat cellFormat;
    private final String timeZone;
    private final String userLocale;
    private final boolean returnFieldsByFieldId;

    private RecordQuery(Builder b) {
        this.pageSize = b.pageSize;
        this.maxRecords = b.maxRecords;
        this.view = b.view;
        this.fields = List.copyOf(b.fields);
        this.sort = List.copyOf(b.sort);
        this.filter = b.filter;
        this.cellFormat = b.cellFormat;
        this.timeZone = b.timeZone;
        this.userLocale = b.userLocale;
        this.returnFieldsByFieldId = b.returnFieldsByFieldId;
    }

    /** Every record, every field, in the default order. */
    public static RecordQuery all() {
        return ALL;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Integer maxRecords() {
        return maxRecords;
    }

    /** The query as GET parameters, Airtable style ({@code fields[]=…}, {@code sort[0][field]=…}). */
    QueryString toQueryString(String offset) {
        QueryString q = new QueryString();
        if (pageSize != null) {
            q.add("pageSize", pageSize.toString());
        }
        if (maxRecords != null) {
            q.add("maxRecords", maxRecords.toString());
        }
        if (view != null) {
            q.add("view", view);
        }
        for (String field : fields) {
            q.add("fields[]", field);
        }
        for (int i = 0; i < sort.size(); i++) {
            q.add("sort[" + i + "][field]", sort.get(i).field());
            q.add("sort[" + i + "][direction]", sort.get(i).direction().name().toLowerCase());
        }
        if (filter != null) {
            q.add("filterByFormula", filter.toString());
        }
        if (cellFormat == CellFormat.STRING) {
            q.add("cellFormat", "string");
            q.add("timeZone", timeZone);
            q.add("userLocale", userLocale);
        }
        if (returnFieldsByFieldId) {
            q.add("returnFieldsByFieldId", "true");
        }
        if (offset != null) {
            q.add("offset", offset);
        }
        return q;
    }

    /** The same query as the JSON body of {@code POST …/listRecords}. */
    ObjectNode toListRecordsBody(String offset) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (pageSize != null) {
            body.put("pageSize", pageSize);
        }
        if (maxRecords != null) {
            body.put("maxRecords", maxRecords);
        }
        if (view != null) {
            body.put("view", view);
        }
        if (!fields.isEmpty()) {
            ArrayNode array = body.putArray("fields");
            fields.forEach(array::add);
        }
        if (!sort.isEmpty()) {
            ArrayNode array = body.putArray("sort");
            for (Sort s : sort) {
                array.addObject().put("field", s.field()).put("direction", s.direction().name().toLowerCase());
            }
        }
        if (filter != null) {
            body.put("filterByFormula", filter.toString());
        }
        if (cellFormat == CellFormat.STRING) {
            body.put("cellFormat", "string").put("timeZone", timeZone).put("userLocale", userLocale);
        }
        if (returnFieldsByFieldId) {
            body.put("returnFieldsByFieldId", true);
        }
        if (offset != null) {
            body.put("offset", offset);
        }
        return body;
    }

    public static final class Builder {
        private Integer pageSize;
        private Integer maxRecords;
        private String view;
        private final List<String> fields = new ArrayList<>();
        private final List<Sort> sort = new ArrayList<>();
        private Formula filter;
        private CellFormat cellFormat = CellFormat.JSON;
        private String timeZone;
        private String userLocale;
        private boolean returnFieldsByFieldId;

        private Builder() {}

        /** Records per request, 1–100 (Airtable's default and maximum is 100). */
        public Builder pageSize(int value) {
            if (value < 1 || value > 100) {
                throw new IllegalArgumentException("pageSize must be between 1 and 100, was " + value);
            }
            this.pageSize = value;
            return this;
        }

        /** Stop after this many records in total (over all pages). */
        public Builder maxRecords(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxRecords must be at least 1, was " + value);
            }
            this.maxRecords = value;
            return this;
        }

        /** Only the records of this view (name or id), in its order and with its filters. */
        public Builder view(String nameOrId) {
            this.view = requireText(nameOrId, "view");
            return this;
        }

        /** Only these fields in the response. */
        public Builder fields(String... names) {
            for (String name : names) {
                fields.add(requireText(name, "field"));
            }
            return this;
        }

        public Builder fields(List<String> names) {
            return fields(names.toArray(String[]::new));
        }

        /** Adds sort keys, applied in order. */
        public Builder sort(Sort... keys) {
            for (Sort key : keys) {
                sort.add(Objects.requireNonNull(key, "sort"));
            }
            return this;
        }

        public Builder sort(List<Sort> keys) {
            return sort(keys.toArray(Sort[]::new));
        }

        /** Only records for which the formula is truthy ({@code filterByFormula}). */
        public Builder filter(Formula formula) {
            this.filter = Objects.requireNonNull(formula, "filter");
            return this;
        }

        /** Cell values as JSON (default). */
        public Builder jsonCells() {
            this.cellFormat = CellFormat.JSON;
            this.timeZone = null;
            this.userLocale = null;
            return this;
        }

        /** Cell values as the strings Airtable shows, which requires a time zone and a locale (e.g. "Europe/Paris", "fr"). */
        public Builder stringCells(String timeZone, String userLocale) {
            this.cellFormat = CellFormat.STRING;
            this.timeZone = requireText(timeZone, "timeZone");
            this.userLocale = requireText(userLocale, "userLocale");
            return this;
        }

        /** Key fields by id ({@code fld…}) instead of by name. */
        public Builder returnFieldsByFieldId(boolean value) {
            this.returnFieldsByFieldId = value;
            return this;
        }

        public RecordQuery build() {
            return new RecordQuery(this);
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException(what + " must not be empty");
            }
            return value;
        }
    }
}
