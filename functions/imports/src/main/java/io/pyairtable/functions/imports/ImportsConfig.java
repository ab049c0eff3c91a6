package io.pyairtable.functions.imports;

import io.pyairtable.functions.core.Env;
import io.pyairtable.functions.core.airtable.AirtableConfig;
import java.time.Duration;

/**
 * The settings of ImportsFunction, ImportTriggerFunction and SagaFunction, from their environment (template.yaml):
 * the Imports table and bucket, the saga's ARN (not needed by the saga itself), the file limits and the chunk size.
 */
record ImportsConfig(AirtableConfig airtable, String importsTable, String bucket, String sagaArn, long maxBytes,
        long maxRows, int chunkRows, Duration uploadUrlTtl) {

    static final int MAX_CHANGESET_OPERATIONS = 10_000;

    static ImportsConfig from(Env env) {
        return new ImportsConfig(AirtableConfig.from(env), env.required("IMPORTS_TABLE"), env.required("IMPORTS_BUCKET"),
                env.optional("IMPORT_SAGA_ARN", null),
                Long.parseLong(env.optional("IMPORT_MAX_BYTES", String.valueOf(50L * 1024 * 1024))),
                Long.parseLong(env.optional("IMPORT_MAX_ROWS", "100000")),
                Integer.parseInt(env.optional("IMPORT_CHUNK_ROWS", "100")),
                Duration.ofMinutes(15));
    }

    String requireSagaArn() {
        if (sagaArn == null) {
            throw new IllegalStateException("environment variable IMPORT_SAGA_ARN is not set");
        }
        return sagaArn;
    }
}
