package io.pyairtable.local.template;

/**
 * An {@code AWS::SQS::Queue} (standard queues only).
 *
 * @param queueName {@code QueueName} or the generated local name
 * @param arn the queue's ARN ({@code !GetAtt X.Arn})
 * @param url the queue URL ({@code !Ref X})
 * @param messageRetentionSeconds {@code MessageRetentionPeriod} (default 345600 = 4 days)
 * @param visibilityTimeoutSeconds {@code VisibilityTimeout} (default 30)
 * @param delaySeconds {@code DelaySeconds} (default 0)
 * @param receiveWaitSeconds {@code ReceiveMessageWaitTimeSeconds} (default 0)
 * @param maximumMessageSize {@code MaximumMessageSize} in bytes (default 262144)
 */
public record QueueDefinition(String logicalId, String queueName, String arn, String url, int messageRetentionSeconds,
        int visibilityTimeoutSeconds, int delaySeconds, int receiveWaitSeconds, int maximumMessageSize) {
    public static final int DEFAULT_RETENTION_SECONDS = 345_600;
    public static final int DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;
    public static final int DEFAULT_MAXIMUM_MESSAGE_SIZE = 262_144;
}
