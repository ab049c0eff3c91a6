package io.pyairtable.local.template;

import java.util.Map;

/**
 * An {@code AWS::S3::Bucket}. Notifications are not here: SAM declares them as {@code S3} events of functions.
 *
 * @param properties all resolved properties (CorsConfiguration, LifecycleConfiguration, ...)
 */
public record BucketDefinition(String logicalId, String bucketName, String arn, Map<String, Object> properties) {
    public BucketDefinition {
        properties = Immutables.deepMap(properties);
    }
}
