package io.pyairtable.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each fault kind: what the client receives, and whether the request was applied. */
class FaultKindsTest extends FaultTestSupport {

    @Test
    void serverErrorAnswers500AndDoesNotApply() {
        String name = uniqueName("server-error");
        FaultHandle rule = sandbox.faults().add(Fault.on("POST", "/Items$").serverError());

        ApiClient.Response response = postItem(name);

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.errorType()).isEqualTo("SERVER_ERROR");
        assertThat(response.errorMessage()).isNotBlank();
        assertThat(itemsNamed(name)).isEmpty();
        assertThat(rule.fired()).isEqualTo(1);
        assertThat(rule.remaining()).isZero();
        assertThat(sandbox.faults().triggered()).isEqualTo(1);
        assertThat(postItem(name).status()).as("used up").isEqualTo(200);
    }

    @Test
    void serverErrorAfterApplyWritesThenAnswers500() {
        String name = uniqueName("lost-response");
        sandbox.faults().add(Fault.on("POST", "/Items$").serverErrorAfterApply());

        ApiClient.Response response = postItem(name);

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.errorType()).isEqualTo("SERVER_ERROR");
        assertThat(itemsNamed(name)).as("applied").hasSize(1);
    }

    @Test
    void serverErrorAfterApplyAlsoAppliesDeletes() {
        String id = createItem("Items", Map.of("Name", uniqueName("delete-me"))).path("id").asText();
        sandbox.faults().add(Fault.on("DELETE", "/Items/rec").serverErrorAfterApply());

        ApiClient.Response response = api.delete(items() + "/" + id);

        assertThat(response.status()).isEqualTo(500);
        assertThat(api.get(items() + "/" + id).status()).as("deleted anyway").isEqualTo(404);
    }

    @Test
    void serverErrorBodyIsTheSameWhetherOrNotApplied() {
        sandbox.faults().add(Fault.on("POST", "/Items$").serverError());
        sandbox.faults().add(Fault.on("POST", "/Items$").serverErrorAfterApply());

        ApiClient.Response notApplied = postItem(uniqueName("same-body"));
        ApiClient.Response applied = postItem(uniqueName("same-body"));

        assertThat(applied.json()).isEqualTo(notApplied.json());
    }

    @Test
    void badGatewayAnswers502WithAnHtmlBodyAndDoesNotApply() {
        String name = uniqueName("bad-gateway");
        sandbox.faults().add(Fault.on("POST", "/Items$").badGateway());

        ApiClient.Response response = postItem(name);

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(new String(response.bytes(), StandardCharsets.UTF_8)).contains("502 Bad Gateway");
        assertThat(response.json().isMissingNode()).as("not JSON").isTrue();
        assertThat(itemsNamed(name)).isEmpty();
    }

    @Test
    void rateLimitedAnswersTheLimitersExact429WithoutApplyingOrStartingThePenalty() {
        try (AirtableSandbox limited = AirtableSandbox.builder().requestsPerSecondPerBase(5)
                .penalty(Duration.ofSeconds(30)).start()) {
            ApiClient client = new ApiClient(limited.baseUrl(), limited.demoToken());
            String deals = "/v0/" + limited.demoBaseId() + "/Deals";
            String name = uniqueName("rate-limited");
            limited.faults().add(Fault.on("POST", "/Deals$").rateLimited());

            ApiClient.Response injected = client.post(deals, Map.of("fields", Map.of("Name", name)));
            assertThat(injected.status()).isEqualTo(429);
            assertThat(limited.rateLimitedResponses()).isEqualTo(1);
            ApiClient.Response next = client.get(deals + "?filterByFormula=" + ApiClient.enc("{Name}='" + name + "'"));
            assertThat(next.status()).as("no penalty started").isEqualTo(200);
            assertThat(next.json().path("records")).as("not applied").isEmpty();

            ApiClient.Response real = null;
            for (int i = 0; i < 6 && real == null; i++) {
                ApiClient.Response response = client.get(deals + "?maxRecords=1");
                real = response.status() == 429 ? response : null;
            }
            assertThat(real).as("the real limiter answered 429").isNotNull();
            assertThat(injected.bytes()).isEqualTo(real.bytes());
            assertThat(injected.contentType()).isEqualTo(real.contentType());
        }
    }

    @Test
    void delayWaitsThenAppliesAndAnswersNormally() {
        String name = uniqueName("delay");
        sandbox.faults().add(Fault.on("POST", "/Items$").delay(Duration.ofMillis(300)));

        long start = System.nanoTime();
        ApiClient.Response response = postItem(name);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("fields").path("Name").asText()).isEqualTo(name);
        assertThat(itemsNamed(name)).hasSize(1);
    }

    @Test
    void delayMakesTheClientTimeOutAndStillAppliesAfterwards() throws InterruptedException {
        String name = uniqueName("delay-timeout");
        sandbox.faults().add(Fault.on("POST", "/Items$").delay(Duration.ofMillis(1500)));

        assertThatThrownBy(() -> api.send("POST", items(),
                ApiClient.json(Map.of("fields", Map.of("Name", name))), Duration.ofMillis(300)))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(itemsNamed(name)).as("not applied yet").isEmpty();

        assertThat(eventuallyNamed(name, Duration.ofSeconds(5))).as("applied after the delay").hasSize(1);
    }

    @Test
    void aDelayInterruptedByClosingTheSandboxIsNotApplied(@TempDir Path dir) throws InterruptedException {
        Path data = dir.resolve("sandbox.json");
        String name = uniqueName("closed-while-delayed");
        try (AirtableSandbox closing = AirtableSandbox.builder().requestsPerSecondPerBase(0).dataFile(data).start()) {
            ApiClient client = new ApiClient(closing.baseUrl(), closing.demoToken());
            closing.faults().add(Fault.on("POST", "/Deals$").delay(Duration.ofMillis(800)));
            CompletableFuture.runAsync(() -> client.post("/v0/" + closing.demoBaseId() + "/Deals",
                    Map.of("fields", Map.of("Name", name))));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (closing.faults().triggered() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(closing.faults().triggered()).isEqualTo(1);
        }
        Thread.sleep(1200); // past the delay: an uninterrupted wait would have applied and saved by now
        try (AirtableSandbox reopened = AirtableSandbox.builder().requestsPerSecondPerBase(0).dataFile(data).start()) {
            ApiClient client = new ApiClient(reopened.baseUrl(), reopened.demoToken());
            ApiClient.Response deals = client.get("/v0/" + reopened.demoBaseId() + "/Deals?filterByFormula="
                    + ApiClient.enc("{Name}='" + name + "'"));
            assertThat(deals.status()).isEqualTo(200);
            assertThat(deals.json().path("records")).isEmpty();
            assertThat(reopened.faults().rules()).as("rules are not persisted").isEmpty();
        }
    }

    @Test
    void delayAfterApplyWritesFirstThenWaitsBeforeTheRealResponse() {
        String name = uniqueName("delay-after");
        sandbox.faults().add(Fault.on("POST", "/Items$").delayAfterApply(Duration.ofMillis(300)));

        long start = System.nanoTime();
        ApiClient.Response response = postItem(name);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("fields").path("Name").asText()).isEqualTo(name);
        assertThat(itemsNamed(name)).hasSize(1);
    }

    @Test
    void delayAfterApplyTimesOutAClientThatHasAlreadyBeenApplied() {
        String name = uniqueName("delay-after-timeout");
        sandbox.faults().add(Fault.on("POST", "/Items$").delayAfterApply(Duration.ofSeconds(3)));

        assertThatThrownBy(() -> api.send("POST", items(),
                ApiClient.json(Map.of("fields", Map.of("Name", name))), Duration.ofMillis(500)))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(HttpTimeoutException.class);

        assertThat(itemsNamed(name)).as("applied before the wait").hasSize(1);
    }

    @Test
    void delayAfterApplyKeepsAnErrorResponse() {
        sandbox.faults().add(Fault.on("POST", "/Items$").delayAfterApply(Duration.ofMillis(50)));

        ApiClient.Response response = api.post(items(), Map.of("fields", Map.of("NoSuchField", "x")));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.errorType()).isEqualTo("UNKNOWN_FIELD_NAME");
    }

    @Test
    void dropAfterApplyWritesThenClosesTheConnectionWithoutAResponse() {
        String name = uniqueName("drop");
        FaultHandle rule = sandbox.faults().add(Fault.on("POST", "/Items$").dropAfterApply());
        long answered = sandbox.requestsServed();

        assertThatThrownBy(() -> postItem(name))
                .isInstanceOf(UncheckedIOException.class)
                .cause().isNotInstanceOf(HttpTimeoutException.class);

        assertThat(itemsNamed(name)).as("applied").hasSize(1);
        assertThat(rule.fired()).isEqualTo(1);
        assertThat(sandbox.requestsServed()).as("the dropped request was not answered (only the list was)")
                .isEqualTo(answered + 1);
        assertThat(postItem(uniqueName("after-drop")).status()).as("the server goes on").isEqualTo(200);
    }

    @Test
    void dropAfterApplyOnABatchUpdateAppliesTheWholeBatch() {
        String prefix = uniqueName("drop-batch");
        String first = createItem("Items", Map.of("Name", prefix + "-a")).path("id").asText();
        String second = createItem("Items", Map.of("Name", prefix + "-b")).path("id").asText();
        sandbox.faults().add(Fault.on("PATCH", "/Items$").dropAfterApply());

        assertThatThrownBy(() -> api.patch(items(), Map.of("records", List.of(
                Map.of("id", first, "fields", Map.of("Count", 7)),
                Map.of("id", second, "fields", Map.of("Count", 7))))))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(itemsNamed(prefix)).hasSize(2)
                .allSatisfy(record -> assertThat(record.path("fields").path("Count").asInt()).isEqualTo(7));
    }

    private List<com.fasterxml.jackson.databind.JsonNode> eventuallyNamed(String name, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        List<com.fasterxml.jackson.databind.JsonNode> found = itemsNamed(name);
        while (found.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            found = itemsNamed(name);
        }
        return found;
    }
}
