package io.pyairtable.sandbox;

/** One sort criterion: a field id or name and a direction. */
record SortSpec(String field, boolean descending) {

    static SortSpec parse(String field, String direction) {
        if (direction == null || direction.isEmpty() || direction.equalsIgnoreCase("asc")) {
            return new SortSpec(field, false);
        }
        if (direction.equalsIgnoreCase("desc")) {
            return new SortSpec(field, true);
        }
        throw AirtableErrors.invalidRequest("Invalid sort direction \"" + direction + "\" for field \""
                + field + "\": use \"asc\" or \"desc\"");
    }

    String direction() {
        return descending ? "desc" : "asc";
    }
}
