package io.pyairtable.functions.imports;

import java.util.List;
import java.util.Map;

/**
 * An import or a change set, as the Imports table's {@code META} item keeps it (see {@link JobsTable}).
 *
 * @param owner    the user's id ({@code sub}), or {@link #OPERATOR} for files dropped under {@code drop/}
 * @param kind     {@code import} or {@code changeset}
 * @param mode     create, upsert or update (imports); {@code mixed} for change sets
 * @param mapping  source column → field name ("" = ignore); empty = by header name
 */
record Job(String id, String owner, String kind, JobStatus status, String baseId, String table, String mode,
        List<String> mergeOn, boolean typecast, String onInvalidRows, String fileName, String contentType,
        Map<String, String> mapping, String sheet, String objectKey, String createdAt, String updatedAt,
        Counts counts, List<Map<String, Object>> rowErrors, boolean rowErrorsTruncated,
        List<Map<String, Object>> stepEvents, String errorCode, String errorMessage, boolean cancelRequested) {

    static final String OPERATOR = "operator";
    static final String IMPORT = "import";
    static final String CHANGESET = "changeset";

    record Counts(long rows, long valid, long invalid, long applied, long compensated, long chunks) {
        static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0);
    }

    boolean usesDefaultToken() {
        return OPERATOR.equals(owner);
    }
}
