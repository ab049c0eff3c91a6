package io.pyairtable.functions.imports;

import io.pyairtable.airtable.AirtableException;
import io.pyairtable.airtable.Schema;
import io.pyairtable.functions.core.ApiError;
import io.pyairtable.functions.core.airtable.AirtableErrors;
import io.pyairtable.functions.imports.parse.FileFormat;
import io.pyairtable.functions.imports.parse.FileFormatException;
import io.pyairtable.functions.imports.parse.ReadOptions;
import io.pyairtable.functions.imports.parse.RowConverter;
import io.pyairtable.functions.imports.parse.RowError;
import io.pyairtable.functions.imports.parse.RowReader;
import io.pyairtable.functions.imports.parse.RowReaders;
import io.pyairtable.functions.imports.parse.SourceRow;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates an uploaded or dropped file against the live table schema while streaming it from S3, stages the valid
 * rows as chunks and starts the saga — or rejects the file (status REJECTED, nothing written to Airtable) with the
 * reason and the first {@link JobsTable#MAX_ROW_ERRORS} row errors. Modes: {@code create}; {@code upsert} on the
 * job's merge fields (a key repeated in the file is a row error); {@code update}, where a column named {@code id}
 * or {@code recordId} holds each row's record id. Invalid rows reject the file unless {@code onInvalidRows=skip}.
 */
final class FileImport {
    private static final int CANCEL_CHECK_ROWS = 5_000;

    private final ImportsServices services;
    private final SagaStarter saga;

    FileImport(ImportsServices services, SagaStarter saga) {
        this.services = services;
        this.saga = saga;
    }

    /** Runs a job in status VALIDATING whose file is at {@code job.objectKey()}, {@code size} bytes long. */
    void run(Job job, long size) {
        services.jobs.step(job.id(), "Validate", "STARTED", null);
        try {
            validateAndStage(job, size);
        } catch (Rejection rejection) {
            reject(job, rejection.code, rejection.getMessage(), rejection.rowErrors, rejection.truncated);
        } catch (FileFormatException bad) {
            reject(job, bad.code(), bad.getMessage(), List.of());
        } catch (AirtableException airtable) {
            reject(job, "AIRTABLE_ERROR", AirtableErrors.toApiError(airtable).getMessage(), List.of());
        } catch (ApiError error) {
            reject(job, error.code(), error.getMessage(), List.of());
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException gone) {
            reject(job, "FILE_NOT_FOUND", "The file is no longer in the bucket.", List.of());
        } catch (IOException io) {
            reject(job, "FILE_UNREADABLE", "The file could not be read: " + io.getClass().getSimpleName(), List.of());
        } catch (RuntimeException unexpected) {
            // never leave the job VALIDATING: S3's redelivery would be ignored, so say it failed, then let Lambda log it
            reject(job, "IMPORT_FAILED", "The import failed on our side (" + unexpected.getClass().getSimpleName()
                    + "); start it again.", List.of());
            throw unexpected;
        }
    }

    private void validateAndStage(Job job, long size) throws IOException {
        ImportsConfig config = services.config;
        if (size > config.maxBytes()) {
            throw new Rejection("FILE_TOO_LARGE", "The file has " + size + " bytes; the limit is " + config.maxBytes() + ".");
        }
        FileFormat format = FileFormat.detect(job.fileName(), job.contentType()).orElseThrow(() -> new Rejection(
                "UNSUPPORTED_FILE_TYPE", "Only CSV, XLSX, JSON and JSON Lines files can be imported."));
        Schema.TableSchema schema = services.table(job).schema();
        List<String> mergeOn = job.mergeOn().stream().map(f -> Snapshots.name(schema, f)).toList();
        ReadOptions options = ReadOptions.defaults().withSheet(job.sheet()).withMaxRows(config.maxRows());
        try (InputStream in = services.s3.getObject(b -> b.bucket(config.bucket()).key(job.objectKey()));
                RowReader reader = RowReaders.open(in, format, options)) {
            List<String> columns = new ArrayList<>(reader.columns());
            String idColumn = null;
            if (job.mode().equals("update")) {
                idColumn = columns.stream().filter(c -> c.equalsIgnoreCase("id") || c.equalsIgnoreCase("recordId"))
                        .findFirst().orElseThrow(() -> new Rejection("MISSING_ID_COLUMN",
                                "Update imports need a column 'id' (or 'recordId') with each row's record id."));
                columns.remove(idColumn);
            }
            RowConverter converter = new RowConverter(schema, job.mapping().isEmpty() ? null : job.mapping(),
                    job.typecast());
            List<RowError> columnErrors = converter.checkColumns(columns);
            if (!columnErrors.isEmpty()) {
                throw new Rejection("INVALID_COLUMNS", columnErrors.get(0).message()
                        + (columnErrors.size() > 1 ? " (and " + (columnErrors.size() - 1) + " more column problem(s))" : ""),
                        columnErrors.stream().map(FileImport::view).toList());
            }
            stage(job, reader, converter, idColumn, mergeOn);
        }
    }

    private void stage(Job job, RowReader reader, RowConverter converter, String idColumn, List<String> mergeOn)
            throws IOException {
        ChunkWriter writer = new ChunkWriter(services.chunks, job.id(), services.config.chunkRows());
        List<Map<String, Object>> rowErrors = new ArrayList<>();
        Set<Object> seenKeys = new HashSet<>();
        long rows = 0;
        long invalid = 0;
        SourceRow row;
        while ((row = reader.next()) != null) {
            rows++;
            if (rows % CANCEL_CHECK_ROWS == 0 && services.jobs.get(job.id()).map(Job::cancelRequested).orElse(false)) {
                services.jobs.step(job.id(), "Validate", "FAILED", "cancelled");
                services.jobs.transition(job.id(), EnumSet.of(JobStatus.VALIDATING), JobStatus.CANCELLED, Map.of());
                return;
            }
            String recordId = null;
            Map<String, Object> values = row.values();
            if (idColumn != null) {
                values = new LinkedHashMap<>(values);
                Object id = values.remove(idColumn);
                recordId = id == null ? null : id.toString().trim();
            }
            RowConverter.Converted converted = converter.convert(new SourceRow(row.number(), values));
            List<RowError> errors = new ArrayList<>(converted.errors());
            if (idColumn != null) {
                if (recordId == null || !Inputs.RECORD_ID.matcher(recordId).matches()) {
                    errors.add(new RowError(row.number(), idColumn, null, "INVALID_RECORD_ID",
                            "The id must be an Airtable record id (rec + 14 letters or digits)."));
                } else if (!seenKeys.add(recordId)) {
                    errors.add(new RowError(row.number(), idColumn, null, "DUPLICATE_RECORD",
                            "Record " + recordId + " appears on an earlier row too."));
                }
            }
            if (job.mode().equals("upsert") && errors.isEmpty()) {
                List<Object> key = new ArrayList<>();
                for (String field : mergeOn) {
                    Object value = converted.fields().get(field);
                    if (value == null) {
                        errors.add(new RowError(row.number(), null, field, "MISSING_MERGE_VALUE",
                                "The merge field '" + field + "' has no value."));
                    }
                    key.add(value == null ? null : value.toString());
                }
                if (errors.isEmpty() && !seenKeys.add(key)) {
                    errors.add(new RowError(row.number(), null, String.join(", ", mergeOn), "DUPLICATE_KEY",
                            "The merge key " + key + " appears on an earlier row too."));
                }
            }
            if (!errors.isEmpty()) {
                invalid++;
                for (RowError error : errors) {
                    if (rowErrors.size() < JobsTable.MAX_ROW_ERRORS) {
                        rowErrors.add(view(error));
                    }
                }
                continue;
            }
            writer.add(switch (job.mode()) {
                case "update" -> Operation.update(recordId, converted.fields());
                case "upsert" -> Operation.upsert(converted.fields());
                default -> Operation.create(converted.fields());
            });
        }
        int chunks = writer.finish();
        long valid = writer.operations();
        Map<String, Long> counts = new HashMap<>(Map.of("rows", rows, "valid", valid, "invalid", invalid));
        boolean truncated = invalid > 0 && rowErrors.size() >= JobsTable.MAX_ROW_ERRORS;
        if (invalid > 0 && job.onInvalidRows().equals("reject")) {
            services.jobs.add(job.id(), counts);
            throw new Rejection("INVALID_ROWS", invalid + " of " + rows + " row(s) are invalid, so nothing was imported"
                    + " (choose onInvalidRows=skip to import the valid rows).", rowErrors, truncated);
        }
        if (valid == 0) {
            services.jobs.add(job.id(), counts);
            throw new Rejection("NO_ROWS", rows == 0 ? "The file has no data rows." : "No row of the file is valid.",
                    rowErrors, truncated);
        }
        counts.put("chunks", (long) chunks);
        services.jobs.add(job.id(), counts);
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> extra =
                new HashMap<>(JobsTable.rowErrors(rowErrors, truncated));
        if (!services.jobs.transition(job.id(), EnumSet.of(JobStatus.VALIDATING), JobStatus.QUEUED, extra)) {
            return; // cancelled meanwhile
        }
        services.jobs.step(job.id(), "Validate", "SUCCEEDED", rows + " row(s): " + valid + " valid, " + invalid
                + " skipped; " + chunks + " chunk(s) staged");
        saga.start(job.id());
    }

    private void reject(Job job, String code, String message, List<Map<String, Object>> rowErrors) {
        reject(job, code, message, rowErrors, rowErrors.size() >= JobsTable.MAX_ROW_ERRORS);
    }

    private void reject(Job job, String code, String message, List<Map<String, Object>> rowErrors, boolean truncated) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> extra = new HashMap<>(
                JobsTable.error(code, message));
        extra.putAll(JobsTable.rowErrors(rowErrors.size() > JobsTable.MAX_ROW_ERRORS
                ? rowErrors.subList(0, JobsTable.MAX_ROW_ERRORS) : rowErrors, truncated));
        services.jobs.step(job.id(), "Validate", "FAILED", message); // before the terminal status, the last write
        services.jobs.transition(job.id(), EnumSet.of(JobStatus.VALIDATING), JobStatus.REJECTED, extra);
    }

    static Map<String, Object> view(RowError error) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("row", error.row());
        out.put("column", error.column());
        out.put("field", error.field());
        out.put("code", error.code());
        out.put("message", error.message());
        return out;
    }

    /** A reason to reject the whole file. */
    private static final class Rejection extends RuntimeException {
        final String code;
        final List<Map<String, Object>> rowErrors;
        final boolean truncated;

        Rejection(String code, String message) {
            this(code, message, List.of(), false);
        }

        Rejection(String code, String message, List<Map<String, Object>> rowErrors) {
            this(code, message, rowErrors, false);
        }

        Rejection(String code, String message, List<Map<String, Object>> rowErrors, boolean truncated) {
            super(message);
            this.code = code;
            this.rowErrors = rowErrors;
            this.truncated = truncated;
        }
    }
}
