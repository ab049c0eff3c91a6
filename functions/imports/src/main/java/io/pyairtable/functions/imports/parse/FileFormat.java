package io.pyairtable.functions.imports.parse;

import java.util.Locale;
import java.util.Optional;

/** The file formats an import accepts. */
public enum FileFormat {
    /** Comma-, semicolon-, tab- or pipe-separated values (RFC 4180 quoting). */
    CSV,
    /** Office Open XML workbook (Excel 2007+). */
    XLSX,
    /** A top-level JSON array of objects (a sequence of objects is accepted too). */
    JSON,
    /** JSON Lines: one object per line. */
    JSONL;

    /**
     * The format named by the file name's extension ({@code .csv .tsv .txt} → CSV, {@code .xlsx}, {@code .json},
     * {@code .jsonl .ndjson}), or else by the content type; empty if neither is known. Both may be null.
     */
    public static Optional<FileFormat> detect(String fileName, String contentType) {
        if (fileName != null) {
            String name = fileName.trim().toLowerCase(Locale.ROOT);
            int dot = name.lastIndexOf('.');
            if (dot >= 0) {
                Optional<FileFormat> byExtension = switch (name.substring(dot + 1)) {
                    case "csv", "tsv", "txt" -> Optional.of(CSV);
                    case "xlsx" -> Optional.of(XLSX);
                    case "json" -> Optional.of(JSON);
                    case "jsonl", "ndjson" -> Optional.of(JSONL);
                    default -> Optional.empty();
                };
                if (byExtension.isPresent()) {
                    return byExtension;
                }
            }
        }
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int parameters = type.indexOf(';');
        type = (parameters >= 0 ? type.substring(0, parameters) : type).trim();
        return switch (type) {
            case "text/csv", "application/csv", "text/tab-separated-values", "text/plain" -> Optional.of(CSV);
            case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> Optional.of(XLSX);
            case "application/json", "text/json" -> Optional.of(JSON);
            case "application/jsonl", "application/x-jsonlines", "application/jsonlines", "application/x-ndjson",
                    "application/ndjson" -> Optional.of(JSONL);
            default -> Optional.empty();
        };
    }
}
