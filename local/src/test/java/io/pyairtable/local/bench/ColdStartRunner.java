package io.pyairtable.local.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import io.pyairtable.functions.core.snapstart.Priming;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * One cold start, in a fresh JVM whose classpath is a function's shaded jar plus this class (ColdStartBenchmark
 * launches it): constructs the handler with the function's environment (its {@code Map} constructor, as the local
 * Lambda host does) and runs one request, then prints the wall-clock instants of entering {@code main}, of the
 * handler being constructed and of the response, in epoch microseconds. With {@code prime=true} the environment
 * says {@code snap-start} and the handler's {@link Priming} runs between construction and the request (the instant
 * it ends is printed too): the request then sees what a restored SnapStart environment sees, minus the restore.
 * Exits 2 when the response is not the expected one, 3 when a priming step failed. Uses only the JDK and the classes in the function's jar (the Lambda runtime's own event
 * deserialization is not part of the measurement).
 */
public final class ColdStartRunner {
    private ColdStartRunner() {
    }

    public static void main(String[] args) throws Exception {
        long entered = micros();
        Properties job = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            job.load(in);
        }
        Map<String, String> env = new HashMap<>();
        for (String name : job.stringPropertyNames()) {
            if (name.startsWith("env.")) {
                env.put(name.substring(4), job.getProperty(name));
            }
        }
        String kind = job.getProperty("kind");
        Object event = event(kind, job); // built before the clock of the handler starts
        long started = micros();
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) Class.forName(job.getProperty("handler"))
                .getConstructor(Map.class).newInstance(env);
        long constructed = micros();
        long primed = constructed;
        if ("true".equals(job.getProperty("prime"))) {
            // what Lambda does before taking the snapshot of a SnapStart version (the environment says snap-start)
            Priming priming = Priming.registeredFor(handler).orElseThrow(() -> new IllegalStateException("not registered"));
            priming.beforeCheckpoint(null);
            if (!priming.lastReport().failures().isEmpty()) {
                System.err.println("priming failures: " + priming.lastReport().failures());
                System.exit(3);
            }
            primed = micros();
        }
        String outcome;
        try {
            outcome = outcome(handler.handleRequest(event, new RunnerContext()));
        } catch (RuntimeException e) {
            outcome = "error " + e.getClass().getSimpleName();
        }
        long responded = micros();
        System.out.println("cold-start entered=" + entered + " started=" + started + " constructed=" + constructed
                + " primed=" + primed + " responded=" + responded + " outcome=" + outcome.replace(' ', '_'));
        if (!outcome.equals(job.getProperty("expect"))) {
            System.err.println("unexpected outcome " + outcome + " (expected " + job.getProperty("expect") + ")");
            System.exit(2);
        }
    }

    private static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private static String outcome(Object result) {
        if (result instanceof APIGatewayV2HTTPResponse response) {
            return "status " + response.getStatusCode();
        }
        if (result instanceof Map<?, ?> map && map.containsKey("isAuthorized")) {
            return "isAuthorized " + map.get("isAuthorized");
        }
        return String.valueOf(result);
    }

    private static Object event(String kind, Properties job) {
        return switch (kind) {
            case "http" -> http(job);
            case "authorizer" -> {
                APIGatewayV2CustomAuthorizerEvent event = new APIGatewayV2CustomAuthorizerEvent();
                event.setVersion("2.0");
                event.setType("REQUEST");
                event.setRouteKey(job.getProperty("route"));
                event.setRawPath(job.getProperty("path"));
                String authorization = "Bearer " + job.getProperty("token");
                event.setHeaders(Map.of("authorization", authorization));
                event.setIdentitySource(List.of(authorization));
                yield event;
            }
            case "s3" -> {
                S3EventNotification.S3Entity s3 = new S3EventNotification.S3Entity("ImportsUpload",
                        new S3EventNotification.S3BucketEntity(job.getProperty("bucket"),
                                new S3EventNotification.UserIdentityEntity("local"), "arn:aws:s3:::" + job.getProperty("bucket")),
                        new S3EventNotification.S3ObjectEntity(job.getProperty("key"), 120L, "0123456789abcdef", null,
                                "0001"), "1.0");
                yield new S3Event(List.of(new S3EventNotification.S3EventNotificationRecord(
                        job.getProperty("env.AWS_REGION"), "ObjectCreated:Put", "aws:s3", Instant.now().toString(), "2.1",
                        new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                        new S3EventNotification.ResponseElementsEntity("local", "local"), s3,
                        new S3EventNotification.UserIdentityEntity("local"))));
            }
            case "map" -> {
                Map<String, Object> input = new HashMap<>();
                for (String name : job.stringPropertyNames()) {
                    if (name.startsWith("input.")) {
                        input.put(name.substring(6), job.getProperty(name));
                    }
                }
                yield input;
            }
            default -> throw new IllegalArgumentException("unknown event kind " + kind);
        };
    }

    private static APIGatewayV2HTTPEvent http(Properties job) {
        String route = job.getProperty("route");
        String path = job.getProperty("path");
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        headers.put("user-agent", "cold-start-benchmark");
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRequestId(UUID.randomUUID().toString()).withRouteKey(route).withStage("$default")
                .withTimeEpoch(System.currentTimeMillis())
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(route.substring(0, route.indexOf(' ')))
                        .withPath(path).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1")
                        .withUserAgent("cold-start-benchmark").build())
                .build();
        Map<String, Object> caller = new HashMap<>();
        for (String name : job.stringPropertyNames()) {
            if (name.startsWith("caller.")) {
                caller.put(name.substring(7), job.getProperty(name));
            }
        }
        if (!caller.isEmpty()) {
            APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
            authorizer.setLambda(caller);
            context.setAuthorizer(authorizer);
        }
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(route).withRawPath(path)
                .withRawQueryString("").withHeaders(headers).withBody(job.getProperty("body"))
                .withIsBase64Encoded(false).withRequestContext(context).build();
    }

    /** What the Lambda runtime passes: a request id, the remaining time (30 s budget) and a logger to stderr. */
    private static final class RunnerContext implements Context {
        private final long deadline = System.currentTimeMillis() + 30_000;
        private final String requestId = UUID.randomUUID().toString();

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/cold-start";
        }

        @Override
        public String getLogStreamName() {
            return "cold-start";
        }

        @Override
        public String getFunctionName() {
            return "cold-start";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:cold-start";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, deadline - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.err.print(message);
                }

                @Override
                public void log(byte[] message) {
                    System.err.write(message, 0, message.length);
                }
            };
        }
    }
}
