package io.pyairtable.local.template;

/**
 * A function's {@code EventInvokeConfig}: what Lambda does with its asynchronous invocations (S3 notifications,
 * {@code InvocationType: Event}). Without one, AWS's defaults: two retries, events kept six hours, no destinations.
 *
 * @param maximumRetryAttempts {@code MaximumRetryAttempts}, 0 to 2
 * @param maximumEventAgeSeconds {@code MaximumEventAgeInSeconds}, 60 to 21600
 * @param onSuccess {@code DestinationConfig.OnSuccess}, or null
 * @param onFailure {@code DestinationConfig.OnFailure}, or null
 */
public record AsyncInvokeConfig(int maximumRetryAttempts, int maximumEventAgeSeconds, Destination onSuccess,
        Destination onFailure) {
    public static final int DEFAULT_RETRY_ATTEMPTS = 2;
    public static final int DEFAULT_MAXIMUM_EVENT_AGE_SECONDS = 21_600;
    public static final AsyncInvokeConfig DEFAULTS = new AsyncInvokeConfig(DEFAULT_RETRY_ATTEMPTS,
            DEFAULT_MAXIMUM_EVENT_AGE_SECONDS, null, null);

    /**
     * Where an invocation record goes.
     *
     * @param type {@code SQS} (the only type emulated locally)
     * @param arn the destination's ARN
     */
    public record Destination(String type, String arn) {
        /** The queue name of an SQS destination's ARN ({@code arn:aws:sqs:region:account:name}). */
        public String queueName() {
            return arn.substring(arn.lastIndexOf(':') + 1);
        }
    }
}
