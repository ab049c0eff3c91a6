package io.pyairtable.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.local.template.LocalTemplate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LambdaHostTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static LambdaHost host;

    @BeforeAll
    static void start() {
        LocalTemplate template = LocalTemplate.load(resource("lambda/functions.yaml"));
        host = new LambdaHost(template, LambdaHostOptions.defaults()
                .withEnvironment(Map.of("AWS_ENDPOINT_URL", "http://localhost:4566", "OVERRIDDEN", "by-host"))
                .withFunctionEnvironment(Map.of("EnvFunction", Map.of("ONLY_ENV_FUNCTION", "yes")))
                .withLog(new PrintStream(LOG, true, StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    static Path resource(String name) {
        try {
            return Path.of(LambdaHostTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode invokeJson(String function, String payload) throws Exception {
        InvocationResult result = host.invoke(function, payload.getBytes(StandardCharsets.UTF_8));
        return JSON.readTree(result.payload());
    }

    @Test
    void handlerGetsItsTemplateEnvironmentThroughItsConstructorAndARealContext() throws Exception {
        JsonNode response = invokeJson("EnvFunction", "{\"a\":1}");
        assertThat(response.path("input").path("a").asInt()).isEqualTo(1);
        JsonNode environment = response.path("environment");
        assertThat(environment.path("TABLE_NAME").asText()).isEqualTo("things-test");
        assertThat(environment.path("STAGE").asText()).isEqualTo("test");
        assertThat(environment.path("OVERRIDDEN").asText()).isEqualTo("by-host");
        assertThat(environment.path("ONLY_ENV_FUNCTION").asText()).isEqualTo("yes");
        assertThat(environment.path("AWS_ENDPOINT_URL").asText()).isEqualTo("http://localhost:4566");
        assertThat(environment.path("AWS_REGION").asText()).as("reserved by Lambda").isEqualTo("us-east-1");
        assertThat(environment.path("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo("pyairtable-local-EnvFunction-LOCAL");
        assertThat(environment.path("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText()).isEqualTo("256");
        assertThat(environment.path("_HANDLER").asText()).isEqualTo("io.pyairtable.local.lambda.TestHandlers$Environment");

        assertThat(response.path("requestId").asText()).matches("[0-9a-f-]{36}");
        assertThat(response.path("functionName").asText()).isEqualTo("pyairtable-local-EnvFunction-LOCAL");
        assertThat(response.path("functionVersion").asText()).isEqualTo("$LATEST");
        assertThat(response.path("arn").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:pyairtable-local-EnvFunction-LOCAL");
        assertThat(response.path("memory").asInt()).isEqualTo(256);
        assertThat(response.path("remaining").asInt()).isBetween(4000, 5000);
        assertThat(response.path("logGroup").asText()).isEqualTo("/aws/lambda/pyairtable-local-EnvFunction-LOCAL");
        assertThat(response.path("contextClassLoader").asBoolean()).isTrue();
        assertThat(LOG.toString(StandardCharsets.UTF_8))
                .contains("[pyairtable-local-EnvFunction-LOCAL] got {a=1}\n[pyairtable-local-EnvFunction-LOCAL] second line");
        assertThat(host.environment("EnvFunction")).containsEntry("TABLE_NAME", "things-test");
    }

    @Test
    void functionsAreFoundByLogicalIdNameOrArn() {
        assertThat(host.invoke("UpperFunction", "\"abc\"".getBytes(StandardCharsets.UTF_8)).payloadAsString())
                .isEqualTo("\"ABC\"");
        assertThat(host.invoke("upper", "\"x\"".getBytes(StandardCharsets.UTF_8)).payloadAsString()).isEqualTo("\"X\"");
        assertThat(host.invoke("arn:aws:lambda:us-east-1:000000000000:function:upper:$LATEST",
                "\"y\"".getBytes(StandardCharsets.UTF_8)).payloadAsString()).isEqualTo("\"Y\"");
        assertThatThrownBy(() -> host.invoke("Nope", new byte[0])).isInstanceOf(UnknownFunctionException.class)
                .hasMessage("Function not found: Nope");
    }

    @Test
    void deserializesS3AndScheduledEventsLikeTheLambdaRuntime() throws Exception {
        byte[] s3 = Files.readAllBytes(resource("lambda/events/s3-put.json"));
        assertThat(host.invoke("S3Function", s3).payloadAsString())
                .isEqualTo("\"ObjectCreated:Put uploads/uploads/my file.csv 1234 2024\"");
        byte[] scheduled = Files.readAllBytes(resource("lambda/events/scheduled.json"));
        assertThat(host.invoke("ScheduledFunction", scheduled).payloadAsString())
                .isEqualTo("\"Scheduled Event aws.events 7\"");
    }

    @Test
    void apiGatewayV2ClassesUseLambdaPropertyNames() throws Exception {
        JsonNode response = invokeJson("HttpFunction",
                "{\"version\":\"2.0\",\"rawPath\":\"/x\",\"isBase64Encoded\":true,\"unknown\":1}");
        assertThat(response.toString()).isEqualTo("{\"statusCode\":201,\"body\":\"/x\",\"isBase64Encoded\":true}");
    }

    @Test
    void namedMethodsTakePojosAndLeaveNullsOut() throws Exception {
        assertThat(invokeJson("PojoFunction", "{'name':'Ada','age':36,'extra':true}").toString())
                .isEqualTo("{\"message\":\"hello Ada (36)\"}");
    }

    @Test
    void streamHandlersGetRawBytes() {
        assertThat(host.invoke("StreamFunction", "abc".getBytes(StandardCharsets.UTF_8)).payloadAsString())
                .isEqualTo("cba");
    }

    @Test
    void handlerExceptionsBecomeLambdaErrorPayloads() throws Exception {
        InvocationResult result = host.invoke("ThrowingFunction", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(result.isError()).isTrue();
        assertThat(result.functionError()).isEqualTo("Unhandled");
        assertThat(result.errorType()).isEqualTo("java.lang.IllegalStateException");
        JsonNode error = JSON.readTree(result.payload());
        assertThat(error.path("errorMessage").asText()).isEqualTo("boom");
        assertThat(error.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.path("stackTrace").get(0).asText())
                .startsWith("io.pyairtable.local.lambda.TestHandlers$Throwing.handleRequest(TestHandlers.java:");
        assertThat(error.path("cause").path("errorMessage").asText()).isEqualTo("root cause");
        assertThat(error.path("cause").path("errorType").asText()).isEqualTo("java.lang.IllegalArgumentException");
    }

    @Test
    void unparseableEventsFailLikeTheRuntime() throws Exception {
        InvocationResult result = host.invoke("PojoFunction", "[1,2".getBytes(StandardCharsets.UTF_8));
        JsonNode error = JSON.readTree(result.payload());
        assertThat(error.path("errorMessage").asText()).isEqualTo("An error occurred during JSON parsing");
        assertThat(error.path("errorType").asText()).isEqualTo("java.lang.RuntimeException");
    }

    @Test
    void timeoutReturnsLambdasErrorAndInterruptsTheHandler() throws Exception {
        int interruptedBefore = TestHandlers.Slow.INTERRUPTED.get();
        long start = System.nanoTime();
        InvocationResult result = host.invoke("SlowFunction", "{\"millis\":10000}".getBytes(StandardCharsets.UTF_8));
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertThat(waited).isBetween(Duration.ofMillis(900), Duration.ofMillis(3000));
        assertThat(result.timedOut()).isTrue();
        JsonNode error = JSON.readTree(result.payload());
        assertThat(error.path("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(error.path("errorMessage").asText())
                .isEqualTo("RequestId: " + result.requestId() + " Error: Task timed out after 1.00 seconds");
        for (int i = 0; i < 100 && TestHandlers.Slow.INTERRUPTED.get() == interruptedBefore; i++) {
            Thread.sleep(10);
        }
        assertThat(TestHandlers.Slow.INTERRUPTED.get()).isGreaterThan(interruptedBefore);
        assertThat(host.invoke("SlowFunction", "{\"millis\":1}".getBytes(StandardCharsets.UTF_8)).payloadAsString())
                .isEqualTo("\"slept\"");
    }

    /** A caller that waits longer than the function's timeout gets the same results, computed on its own thread. */
    @Test
    void aWaitLongerThanTheTimeoutRunsTheFunctionOnTheCallersThread() throws Exception {
        String caller = Thread.currentThread().getName();
        InvocationResult upper = host.invoke("UpperFunction", "\"abc\"".getBytes(StandardCharsets.UTF_8), 10_000);
        assertThat(upper.payloadAsString()).isEqualTo("\"ABC\"");
        assertThat(Thread.currentThread().getName()).as("the thread gets its name back").isEqualTo(caller);

        InvocationResult slow = host.invoke("SlowFunction", "{\"millis\":10000}".getBytes(StandardCharsets.UTF_8), 5_000);
        assertThat(slow.timedOut()).isTrue();
        assertThat(JSON.readTree(slow.payload()).path("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(Thread.interrupted()).as("the timeout's interrupt does not leak to the caller").isFalse();

        // a shorter wait than the function's timeout: a worker runs it, the caller stops waiting in time
        long start = System.nanoTime();
        assertThatThrownBy(() -> host.invoke("SlowFunction", "{\"millis\":800}".getBytes(StandardCharsets.UTF_8), 100))
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(700));
    }

    @Test
    void initialisationErrorsAreReportedAsFunctionErrors() throws Exception {
        InvocationResult failing = host.invoke("FailingConstructorFunction", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(failing.errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(JSON.readTree(failing.payload()).path("errorMessage").asText())
                .isEqualTo("missing configuration TABLE_NAME");
        InvocationResult missing = host.invoke("MissingClassFunction", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(missing.errorType()).isEqualTo("java.lang.ClassNotFoundException");
        InvocationResult notHandler = host.invoke("NotAHandlerFunction", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(JSON.readTree(notHandler.payload()).path("errorMessage").asText())
                .contains("implements neither RequestHandler nor RequestStreamHandler");
    }

    @Test
    void concurrentInvocationsGetTheirOwnInstancesWhichStayWarm() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        TestHandlers.Counting.gate = gate;
        int before = TestHandlers.Counting.INSTANCES.get();
        List<CompletableFuture<InvocationResult>> inFlight = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            inFlight.add(host.invokeAsync("CountingFunction", "{}".getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i < 200 && TestHandlers.Counting.INSTANCES.get() < before + 3; i++) {
            Thread.sleep(5);
        }
        gate.countDown();
        List<String> numbers = new ArrayList<>();
        for (CompletableFuture<InvocationResult> future : inFlight) {
            InvocationResult result = future.join();
            numbers.add(result.payloadAsString());
        }
        assertThat(numbers).doesNotHaveDuplicates();
        assertThat(TestHandlers.Counting.INSTANCES.get()).isEqualTo(before + 3);
        assertThat(host.idleInstances("CountingFunction")).isEqualTo(3);

        InvocationResult warm = host.invoke("CountingFunction", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(warm.initDuration()).isZero();
        assertThat(TestHandlers.Counting.INSTANCES.get()).as("no new instance when one is warm").isEqualTo(before + 3);
    }

    @Test
    void invokeCommandPrintsLikeSamLocalInvoke() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new LocalInvokeCommand(host).run("S3Function", resource("lambda/events/s3-put.json"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(LocalInvokeCommand.OK);
        assertThat(out.toString(StandardCharsets.UTF_8).trim())
                .isEqualTo("\"ObjectCreated:Put uploads/uploads/my file.csv 1234 2024\"");
        String log = err.toString(StandardCharsets.UTF_8);
        assertThat(log).containsPattern("START RequestId: [0-9a-f-]{36} Version: \\$LATEST")
                .containsPattern("END RequestId: [0-9a-f-]{36}")
                .containsPattern("REPORT RequestId: [0-9a-f-]{36}.*\tDuration: [0-9.]+ ms\tBilled Duration: \\d+ ms"
                        + "\tMemory Size: 256 MB\tMax Memory Used: \\d+ MB");

        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        assertThat(new LocalInvokeCommand(host).run("ThrowingFunction", null, new PrintStream(errors), new PrintStream(err)))
                .isEqualTo(LocalInvokeCommand.FUNCTION_ERROR);
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("\"errorMessage\":\"boom\"");
        assertThat(new LocalInvokeCommand(host).run("Nope", null, new PrintStream(errors), new PrintStream(err)))
                .isEqualTo(LocalInvokeCommand.USAGE_ERROR);
    }
}
