package io.pyairtable.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Handlers the Lambda host tests run, wired by {@code lambda/functions.yaml}. */
public final class TestHandlers {
    private TestHandlers() {
    }

    /** Reports its environment (from the constructor) and its Context. */
    public static final class Environment implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        private final Map<String, String> environment;

        public Environment() {
            this(System.getenv());
        }

        public Environment(Map<String, String> environment) {
            this.environment = environment;
        }

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
            context.getLogger().log("got " + input + "\nsecond line");
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("input", input);
            result.put("environment", environment);
            result.put("requestId", context.getAwsRequestId());
            result.put("functionName", context.getFunctionName());
            result.put("functionVersion", context.getFunctionVersion());
            result.put("arn", context.getInvokedFunctionArn());
            result.put("memory", context.getMemoryLimitInMB());
            result.put("remaining", context.getRemainingTimeInMillis());
            result.put("logGroup", context.getLogGroupName());
            result.put("contextClassLoader", Thread.currentThread().getContextClassLoader() != null);
            return result;
        }
    }

    /** Only a no-argument constructor; string in, string out. */
    public static final class Upper implements RequestHandler<String, String> {
        @Override
        public String handleRequest(String input, Context context) {
            return input.toUpperCase(java.util.Locale.ROOT);
        }
    }

    public static final class S3 implements RequestHandler<S3Event, String> {
        @Override
        public String handleRequest(S3Event event, Context context) {
            S3EventNotificationRecord record = event.getRecords().get(0);
            return record.getEventName() + " " + record.getS3().getBucket().getName() + "/"
                    + record.getS3().getObject().getUrlDecodedKey() + " " + record.getS3().getObject().getSizeAsLong()
                    + " " + record.getEventTime().getYear();
        }
    }

    public static final class Scheduled implements RequestHandler<ScheduledEvent, String> {
        @Override
        public String handleRequest(ScheduledEvent event, Context context) {
            return event.getDetailType() + " " + event.getSource() + " " + event.getTime().getMonthOfYear();
        }
    }

    public static final class Http implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(201).withBody(event.getRawPath())
                    .withIsBase64Encoded(event.getIsBase64Encoded()).build();
        }
    }

    /** A plain class named as {@code Class::method}, with a POJO in and out. */
    public static final class Pojos {
        public Greeting greet(Person person, Context context) {
            Greeting greeting = new Greeting();
            greeting.setMessage("hello " + person.getName() + " (" + person.getAge() + ")");
            return greeting;
        }
    }

    public static final class Person {
        private String name;
        private int age;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public int getAge() {
            return age;
        }

        public void setAge(int age) {
            this.age = age;
        }
    }

    public static final class Greeting {
        private String message;
        private String nothing;

        public String getMessage() {
            return message;
        }

        public void setMessage(String message) {
            this.message = message;
        }

        public String getNothing() {
            return nothing;
        }
    }

    /** Reverses the bytes of the event. */
    public static final class Stream implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            byte[] bytes = input.readAllBytes();
            for (int i = bytes.length - 1; i >= 0; i--) {
                output.write(bytes[i]);
            }
        }
    }

    public static final class Throwing implements RequestHandler<Map<String, Object>, String> {
        @Override
        public String handleRequest(Map<String, Object> input, Context context) {
            throw new IllegalStateException("boom", new IllegalArgumentException("root cause"));
        }
    }

    /** Sleeps for {@code millis} (interruptibly) and reports whether it was interrupted. */
    public static final class Slow implements RequestHandler<Map<String, Integer>, String> {
        static final AtomicInteger INTERRUPTED = new AtomicInteger();

        @Override
        public String handleRequest(Map<String, Integer> input, Context context) {
            try {
                Thread.sleep(input.getOrDefault("millis", 0));
                return "slept";
            } catch (InterruptedException e) {
                INTERRUPTED.incrementAndGet();
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
    }

    public static final class FailingConstructor implements RequestHandler<Object, Object> {
        public FailingConstructor() {
            throw new IllegalStateException("missing configuration TABLE_NAME");
        }

        @Override
        public Object handleRequest(Object input, Context context) {
            return input;
        }
    }

    /** Counts instances; each invocation waits on {@link #gate} so tests can hold several in flight. */
    public static final class Counting implements RequestHandler<Object, Integer> {
        static final AtomicInteger INSTANCES = new AtomicInteger();
        static volatile CountDownLatch gate = new CountDownLatch(0);
        private final int number;

        public Counting() {
            number = INSTANCES.incrementAndGet();
        }

        @Override
        public Integer handleRequest(Object input, Context context) {
            try {
                gate.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return number;
        }
    }

    /** Implements no handler interface and names no method: a template error at first invocation. */
    public static final class NotAHandler {
    }
}
