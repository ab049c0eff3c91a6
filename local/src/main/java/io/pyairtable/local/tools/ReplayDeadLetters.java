package io.pyairtable.local.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.local.s3.LocalS3;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * {@code scripts/replay-dead-letters}: replays the Lambda on-failure invocation records of an SQS queue (the
 * import trigger's dead-letter queue, docs/recovery.md). For each message: prints one line (record time, condition,
 * attempts, error, S3 objects), invokes the function synchronously with the record's {@code requestPayload}, and
 * deletes the message only when that invocation succeeded. Works against AWS (the default credential and region
 * chains) and the local cloud ({@code --endpoint http://127.0.0.1:4566}, with the local credentials unless
 * {@code AWS_ACCESS_KEY_ID} is set).
 *
 * <p>A message being replayed is hidden from other consumers for {@value #VISIBILITY_SECONDS} s (Lambda's longest
 * timeout); the messages left in the queue (failed replays, dry runs, messages that are not invocation records) are
 * made visible again at the end, so the next run sees them at once. Exit status: 0 when nothing failed, 1 when a
 * replay failed, 2 on a usage error.
 */
public final class ReplayDeadLetters {
    static final int VISIBILITY_SECONDS = 900;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE = """
            Usage: scripts/replay-dead-letters --queue-url URL [--function NAME] [--endpoint URL] [--region REGION]
                                              [--dry-run] [--max N]
            Replays Lambda on-failure invocation records from an SQS queue (docs/recovery.md): prints one line per
            record, invokes the function synchronously with the record's requestPayload, deletes the message only
            when that invocation succeeded, and prints the totals.
              --queue-url URL   the dead-letter queue (stack output ImportTriggerDeadLetterQueueUrl)
              --function NAME   function name or ARN to invoke (default: the function ARN, with its version or
                                alias, named in each record)
              --endpoint URL    AWS endpoint override, e.g. http://127.0.0.1:4566 for ./run-local
              --region REGION   default: the SDK's region chain (AWS_REGION, profile); us-east-1 with --endpoint
              --dry-run         print the records, invoke nothing, delete nothing
              --max N           handle at most N messages (default: all)
            Exit status: 0 nothing failed, 1 a replay failed, 2 usage error.""";

    /** Parsed command line. */
    record Options(String queueUrl, String function, URI endpoint, String region, boolean dryRun, long max) {
    }

    /** What one run did. */
    public record Totals(int replayed, int failed, int skipped, int dryRun) {
    }

    private ReplayDeadLetters() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the tool; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("replay-dead-letters: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (options == null) {
            out.println(USAGE);
            return 0;
        }
        try (SqsClient sqs = sqs(options); LambdaClient lambda = lambda(options)) {
            Totals totals = replay(options, sqs, lambda, out);
            return totals.failed() > 0 ? 1 : 0;
        } catch (SdkException e) {
            err.println("replay-dead-letters: " + e.getMessage());
            return 1;
        }
    }

    static Options parse(String[] args) {
        String queueUrl = null;
        String function = null;
        URI endpoint = null;
        String region = null;
        boolean dryRun = false;
        long max = Long.MAX_VALUE;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--dry-run" -> dryRun = true;
                case "--queue-url" -> queueUrl = value(args, ++i, arg);
                case "--function" -> function = value(args, ++i, arg);
                case "--endpoint" -> endpoint = URI.create(value(args, ++i, arg));
                case "--region" -> region = value(args, ++i, arg);
                case "--max" -> {
                    try {
                        max = Long.parseLong(value(args, ++i, arg));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--max needs a number");
                    }
                    if (max < 1) {
                        throw new IllegalArgumentException("--max must be at least 1");
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (queueUrl == null) {
            throw new IllegalArgumentException("--queue-url is required");
        }
        return new Options(queueUrl, function, endpoint, region, dryRun, max);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** Receives, prints, replays and deletes; leaves what it did not replay visible again. */
    static Totals replay(Options options, SqsClient sqs, LambdaClient lambda, PrintStream out) {
        int replayed = 0;
        int failed = 0;
        int skipped = 0;
        int dry = 0;
        long handled = 0;
        List<String> leftInQueue = new ArrayList<>();
        try {
            while (handled < options.max()) {
                int batch = (int) Math.min(10, options.max() - handled);
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(options.queueUrl()).maxNumberOfMessages(batch)
                        .visibilityTimeout(VISIBILITY_SECONDS).waitTimeSeconds(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
                if (messages.isEmpty()) {
                    break;
                }
                for (Message message : messages) {
                    handled++;
                    JsonNode record = parse(message.body());
                    if (record == null || !record.has("requestPayload")) {
                        out.println(message.messageId() + " SKIPPED: not a Lambda invocation record");
                        skipped++;
                        leftInQueue.add(message.receiptHandle());
                        continue;
                    }
                    out.println(message.messageId() + " " + summary(record));
                    if (options.dryRun()) {
                        dry++;
                        leftInQueue.add(message.receiptHandle());
                        continue;
                    }
                    String function = options.function() != null ? options.function() : functionOf(record);
                    if (function == null) {
                        out.println("  FAILED: the record names no function; give --function");
                        failed++;
                        leftInQueue.add(message.receiptHandle());
                        continue;
                    }
                    String outcome = invoke(lambda, function, record.get("requestPayload"));
                    if (outcome == null) {
                        sqs.deleteMessage(b -> b.queueUrl(options.queueUrl()).receiptHandle(message.receiptHandle()));
                        out.println("  replayed on " + function + ": succeeded; message deleted");
                        replayed++;
                    } else {
                        out.println("  FAILED on " + function + ": " + outcome + "; message kept");
                        failed++;
                        leftInQueue.add(message.receiptHandle());
                    }
                }
            }
        } finally {
            for (String handle : leftInQueue) {
                try {
                    sqs.changeMessageVisibility(b -> b.queueUrl(options.queueUrl()).receiptHandle(handle).visibilityTimeout(0));
                } catch (SdkException e) {
                    out.println("could not make a kept message visible again (it will be after " + VISIBILITY_SECONDS
                            + " s): " + e.getMessage());
                }
            }
        }
        out.println("replayed " + replayed + ", failed " + failed + ", skipped " + skipped
                + (options.dryRun() ? ", dry run (not replayed) " + dry : ""));
        return new Totals(replayed, failed, skipped, dry);
    }

    /** Null when the function succeeded, else what went wrong. */
    private static String invoke(LambdaClient lambda, String function, JsonNode payload) {
        InvokeResponse response;
        try {
            response = lambda.invoke(b -> b.functionName(function).invocationType(InvocationType.REQUEST_RESPONSE)
                    .payload(SdkBytes.fromUtf8String(payload.toString())));
        } catch (SdkException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if (response.functionError() == null) {
            return null;
        }
        JsonNode error = parse(response.payload().asUtf8String());
        return response.functionError() + " " + (error == null ? response.payload().asUtf8String()
                : error.path("errorType").asText() + ": " + error.path("errorMessage").asText());
    }

    /** {@code <timestamp> <condition> after <n> attempt(s): <errorType>: <errorMessage> | s3://bucket/key ...}. */
    static String summary(JsonNode record) {
        JsonNode context = record.path("requestContext");
        JsonNode response = record.path("responsePayload");
        StringBuilder line = new StringBuilder().append(record.path("timestamp").asText("?")).append(' ')
                .append(context.path("condition").asText("?")).append(" after ")
                .append(context.path("approximateInvokeCount").asText("?")).append(" attempt(s): ")
                .append(response.path("errorType").asText(record.path("responseContext").path("functionError").asText("?")))
                .append(": ").append(oneLine(response.path("errorMessage").asText("")));
        for (JsonNode s3Record : record.path("requestPayload").path("Records")) {
            JsonNode s3 = s3Record.path("s3");
            if (!s3.isMissingNode()) {
                line.append(" | s3://").append(s3.path("bucket").path("name").asText()).append('/')
                        .append(URLDecoder.decode(s3.path("object").path("key").asText(), StandardCharsets.UTF_8));
            }
        }
        return line.toString();
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }

    /**
     * The record's {@code functionArn}, qualifier included: the version or alias that failed ({@code $LATEST}, or
     * {@code live} where the stack publishes an alias) is the one replayed.
     */
    static String functionOf(JsonNode record) {
        return record.path("requestContext").path("functionArn").asText(null);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static SqsClient sqs(Options options) {
        var builder = SqsClient.builder().httpClient(UrlConnectionHttpClient.create());
        configure(options, builder);
        return builder.build();
    }

    private static LambdaClient lambda(Options options) {
        // a replay runs the function to its end: up to Lambda's 15-minute timeout
        var builder = LambdaClient.builder().httpClient(UrlConnectionHttpClient.builder()
                .socketTimeout(Duration.ofSeconds(VISIBILITY_SECONDS + 30)).build());
        configure(options, builder);
        return builder.build();
    }

    private static void configure(Options options, software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<?, ?> builder) {
        if (options.endpoint() != null) {
            builder.endpointOverride(options.endpoint());
        }
        if (options.region() != null) {
            builder.region(Region.of(options.region()));
        } else if (options.endpoint() != null) {
            builder.region(Region.US_EAST_1);
        }
        builder.credentialsProvider(credentials(options));
    }

    private static AwsCredentialsProvider credentials(Options options) {
        if (options.endpoint() != null && System.getenv("AWS_ACCESS_KEY_ID") == null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
