package io.pyairtable.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One S3 event notification: object events of {@code bucket} matching one of {@code events} (e.g.
 * {@code s3:ObjectCreated:*}, {@code s3:ObjectCreated:Put}) whose key starts with {@code prefix} and ends with
 * {@code suffix} (empty = any) are delivered to {@code target} as an S3 event JSON ({@code {"Records":[…]}}).
 */
public record S3Subscription(String bucket, List<String> events, String prefix, String suffix,
        Consumer<JsonNode> target) {

    public S3Subscription {
        Objects.requireNonNull(bucket, "bucket");
        events = List.copyOf(events);
        prefix = prefix == null ? "" : prefix;
        suffix = suffix == null ? "" : suffix;
        Objects.requireNonNull(target, "target");
        for (String event : events) {
            if (!event.startsWith("s3:ObjectCreated:")) {
                throw new IllegalArgumentException("unsupported S3 notification event " + event
                        + " (the local cloud delivers s3:ObjectCreated:* events)");
            }
        }
    }

    /** Whether an event named like {@code ObjectCreated:Put} for {@code key} in {@code bucketName} is wanted. */
    boolean matches(String bucketName, String eventName, String key) {
        if (!bucket.equals(bucketName) || !key.startsWith(prefix) || !key.endsWith(suffix)) {
            return false;
        }
        String full = "s3:" + eventName;
        return events.stream().anyMatch(e -> e.equals(full) || e.endsWith(":*") && full.startsWith(e.substring(0, e.length() - 1)));
    }
}
