package io.pyairtable.local.template;

import java.util.Set;

/** Reads an {@code AWS::S3::Bucket} into a {@link BucketDefinition}. */
final class BucketReader {
    static final Set<String> SUPPORTED = Set.of("BucketName", "CorsConfiguration", "LifecycleConfiguration");
    static final Set<String> IGNORED = Set.of("BucketEncryption", "PublicAccessBlockConfiguration",
            "VersioningConfiguration", "OwnershipControls", "Tags", "LoggingConfiguration", "MetricsConfigurations",
            "IntelligentTieringConfigurations", "AccelerateConfiguration", "ObjectLockEnabled", "ObjectLockConfiguration");

    private BucketReader() {
    }

    static BucketDefinition read(ResourceInput input, StackResources stack, LocalNames names) {
        String bucketName = stack.physicalName(input.logicalId());
        return new BucketDefinition(input.logicalId(), bucketName, names.bucketArn(bucketName),
                input.properties().values());
    }
}
