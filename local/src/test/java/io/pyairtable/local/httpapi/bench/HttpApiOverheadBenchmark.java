package io.pyairtable.local.httpapi.bench;

import io.pyairtable.local.httpapi.HttpApiServer;
import io.pyairtable.local.httpapi.HttpApiServerOptions;
import io.pyairtable.local.lambda.InvocationResult;
import io.pyairtable.local.lambda.LambdaHost;
import io.pyairtable.local.lambda.LambdaHostOptions;
import io.pyairtable.local.template.LocalTemplate;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Warm, in-process overhead of the API path: HTTP request → route → 2.0 event → Lambda host (typed event
 * deserialization, worker thread, timeout timer) → response mapping → HTTP response, with a handler doing nothing.
 * Prints p50/p99 over 1,000 sequential requests after warm-up. A benchmark, not a test (see CLAUDE.md): run its
 * {@code main} on the module's test classpath, e.g.
 * {@code java -cp "local/target/test-classes:local/target/classes:<test classpath>" io.pyairtable.local.httpapi.bench.HttpApiOverheadBenchmark}.
 */
public final class HttpApiOverheadBenchmark {
    private static final int WARM_UP = 2_000;
    private static final int MEASURED = 1_000;

    private HttpApiOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        LocalTemplate template = LocalTemplate.load(resource("httpapi/bench.yaml"));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (LambdaHost host = new LambdaHost(template, LambdaHostOptions.defaults());
                HttpApiServer server = HttpApiServer.start(template, host, HttpApiServerOptions.onPort(0))) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/echo/rec123?view=grid")).build();
            byte[] event = ("{\"version\":\"2.0\",\"rawPath\":\"/echo/rec123\",\"pathParameters\":{\"id\":\"rec123\"},"
                    + "\"requestContext\":{\"http\":{\"method\":\"GET\"}}}").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < WARM_UP; i++) {
                check(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
                host.invoke("EchoFunction", event);
            }
            long[] http = new long[MEASURED];
            long[] handlerTime = new long[MEASURED];
            long[] direct = new long[MEASURED];
            for (int i = 0; i < MEASURED; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                http[i] = System.nanoTime() - start;
                check(response.body().equals("{\"id\":\"rec123\"}"));
                start = System.nanoTime();
                InvocationResult result = host.invoke("EchoFunction", event);
                direct[i] = System.nanoTime() - start;
                handlerTime[i] = result.duration().toNanos();
            }
            report("HTTP API round trip (client → gateway → Lambda host → client)", http);
            report("Lambda host invoke alone (worker hand-off, deserialization, timer)", direct);
            report("handler's own time (Context → return, incl. event deserialization)", handlerTime);
        }
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("unexpected response");
        }
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-75s p50 %.3f ms  p99 %.3f ms  max %.3f ms%n", what,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    private static Path resource(String name) {
        try {
            return Path.of(HttpApiOverheadBenchmark.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
