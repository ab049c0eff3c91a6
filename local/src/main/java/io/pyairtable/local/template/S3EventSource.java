package io.pyairtable.local.template;

import java.util.List;

/**
 * An {@code S3} event: object notifications of a bucket of this template.
 *
 * @param name key under {@code Events}
 * @param bucketLogicalId the bucket resource
 * @param bucketName the bucket's (local) name
 * @param events notification types such as {@code s3:ObjectCreated:*}
 * @param prefix {@code Filter.S3Key.Rules} prefix, or null
 * @param suffix {@code Filter.S3Key.Rules} suffix, or null
 */
public record S3EventSource(String name, String bucketLogicalId, String bucketName, List<String> events, String prefix,
        String suffix) implements EventSource {
    public S3EventSource {
        events = List.copyOf(events);
    }

    /**
     * Whether a notification {@code eventName} (as in the S3 event, without the {@code s3:} prefix, for example
     * {@code ObjectCreated:Put}) for object {@code key} of {@code bucket} triggers this source.
     */
    public boolean matches(String bucket, String eventName, String key) {
        if (!bucketName.equals(bucket)) {
            return false;
        }
        if ((prefix != null && !key.startsWith(prefix)) || (suffix != null && !key.endsWith(suffix))) {
            return false;
        }
        String qualified = eventName.startsWith("s3:") ? eventName : "s3:" + eventName;
        for (String pattern : events) {
            if (pattern.endsWith("*") ? qualified.startsWith(pattern.substring(0, pattern.length() - 1))
                    : qualified.equals(pattern)) {
                return true;
            }
        }
        return false;
    }
}
