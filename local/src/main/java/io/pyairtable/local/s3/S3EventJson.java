package io.pyairtable.local.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Builds the JSON of an S3 event notification as S3 delivers it to Lambda (event version 2.1), so handlers can
 * deserialize it into {@code com.amazonaws.services.lambda.runtime.events.S3Event} unchanged. Like S3, the object
 * key is URL-encoded with spaces as {@code +}.
 */
final class S3EventJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private S3EventJson() {}

    static ObjectNode objectCreated(String region, String bucket, String key, long size, String eTag, String eventName,
            Instant time, long sequence) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode record = root.putArray("Records").addObject();
        record.put("eventVersion", "2.1")
                .put("eventSource", "aws:s3")
                .put("awsRegion", region)
                .put("eventTime", time.toString())
                .put("eventName", eventName);
        record.putObject("userIdentity").put("principalId", "LOCAL");
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        record.putObject("responseElements")
                .put("x-amz-request-id", UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT))
                .put("x-amz-id-2", UUID.randomUUID().toString());
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0").put("configurationId", "pyairtable-local");
        s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket)
                .putObject("ownerIdentity").put("principalId", "LOCAL");
        s3.putObject("object")
                .put("key", URLEncoder.encode(key, StandardCharsets.UTF_8))
                .put("size", size)
                .put("eTag", eTag == null ? "" : eTag.replace("\"", ""))
                .put("sequencer", String.format("%016X", sequence));
        return root;
    }
}
