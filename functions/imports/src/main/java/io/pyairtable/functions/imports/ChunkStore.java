package io.pyairtable.functions.imports;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A change set's operations, staged in the imports bucket as {@code jobs/<jobId>/chunks/<n>.json}
 * ({@code {"operations":[…]}}, at most {@code IMPORT_CHUNK_ROWS} each) before the saga starts: the state machine's
 * input stays tiny whatever the file's size, and every chunk can be re-read by a retry or by compensation.
 */
final class ChunkStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, List<Operation>>> CHUNK = new TypeReference<>() {};

    private final S3Client s3;
    private final String bucket;

    ChunkStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    static String key(String jobId, int chunk) {
        return String.format("jobs/%s/chunks/%06d.json", jobId, chunk);
    }

    void put(String jobId, int chunk, List<Operation> operations) {
        try {
            byte[] body = JSON.writeValueAsBytes(Map.of("operations", operations));
            s3.putObject(b -> b.bucket(bucket).key(key(jobId, chunk)).contentType("application/json"),
                    RequestBody.fromBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Operation> get(String jobId, int chunk) {
        try {
            byte[] body = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key(jobId, chunk))).asByteArray();
            return JSON.readValue(body, CHUNK).get("operations");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
