package io.pyairtable.local.template;

import java.util.Set;

/** Reads an {@code AWS::SQS::Queue} into a {@link QueueDefinition}; FIFO queues and redrive policies are rejected. */
final class QueueReader {
    static final Set<String> SUPPORTED = Set.of("QueueName", "MessageRetentionPeriod", "VisibilityTimeout",
            "DelaySeconds", "ReceiveMessageWaitTimeSeconds", "MaximumMessageSize", "FifoQueue");
    /** Encryption and tags change nothing a client of the queue sees. */
    static final Set<String> IGNORED = Set.of("SqsManagedSseEnabled", "KmsMasterKeyId",
            "KmsDataKeyReusePeriodSeconds", "Tags");

    private QueueReader() {
    }

    static QueueDefinition read(ResourceInput input, StackResources stack, LocalNames names) {
        PropertyReader props = input.properties();
        if (props.bool("FifoQueue", false)) {
            throw new TemplateException(props.pathOf("FifoQueue"), "FIFO queues are not emulated locally");
        }
        String name = stack.physicalName(input.logicalId());
        if (!name.matches("[A-Za-z0-9_-]{1,80}")) {
            throw new TemplateException(props.pathOf("QueueName"),
                    "a queue name has 1 to 80 letters, digits, - or _: " + name);
        }
        int retention = range(props, "MessageRetentionPeriod", QueueDefinition.DEFAULT_RETENTION_SECONDS, 60, 1_209_600);
        int visibility = range(props, "VisibilityTimeout", QueueDefinition.DEFAULT_VISIBILITY_TIMEOUT_SECONDS, 0, 43_200);
        int delay = range(props, "DelaySeconds", 0, 0, 900);
        int wait = range(props, "ReceiveMessageWaitTimeSeconds", 0, 0, 20);
        int size = range(props, "MaximumMessageSize", QueueDefinition.DEFAULT_MAXIMUM_MESSAGE_SIZE, 1024, 262_144);
        return new QueueDefinition(input.logicalId(), name, names.queueArn(name), LocalNames.queueUrl(name), retention,
                visibility, delay, wait, size);
    }

    private static int range(PropertyReader props, String key, int defaultValue, int min, int max) {
        int value = props.integer(key, defaultValue);
        if (value < min || value > max) {
            throw new TemplateException(props.pathOf(key), "must be " + min + " to " + max + ", got " + value);
        }
        return value;
    }
}
