package io.pyairtable.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

/** Which requests a rule fires on: times, after, order, matching, removal, concurrency. */
class FaultRulesTest extends FaultTestSupport {

    private List<Integer> postStatuses(String prefix, int count) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            statuses.add(postItem(prefix + "-" + i).status());
        }
        return statuses;
    }

    @Test
    void afterSkipsMatchingRequestsThenTimesLimitsTheFiring() {
        String prefix = uniqueName("after-times");
        FaultHandle rule = sandbox.faults().add(Fault.on("POST", "/Items$").after(2).times(2).serverError());

        assertThat(postStatuses(prefix, 5)).containsExactly(200, 200, 500, 500, 200);
        assertThat(rule.fired()).isEqualTo(2);
        assertThat(rule.remaining()).isZero();
        assertThat(sandbox.faults().triggered()).isEqualTo(2);
        assertThat(itemsNamed(prefix)).hasSize(3);
    }

    @Test
    void requestsThatDoNotMatchDoNotCountTowardsAfter() {
        String prefix = uniqueName("after-nonmatching");
        FaultHandle rule = sandbox.faults().add(Fault.on("POST", "/Items$").after(1).serverError());

        assertThat(api.get(items()).status()).isEqualTo(200);
        assertThat(api.post(path(testBase, "People"), Map.of("fields", Map.of("Name", prefix))).status())
                .isEqualTo(200);
        assertThat(postStatuses(prefix, 3)).containsExactly(200, 500, 200);
        assertThat(rule.fired()).isEqualTo(1);
    }

    @Test
    void rulesAreCheckedInInsertionOrderAndTheFirstThatFiresWins() {
        String prefix = uniqueName("order");
        FaultHandle gateway = sandbox.faults().add(Fault.on("POST", "/Items$").badGateway());
        FaultHandle error = sandbox.faults().add(Fault.on("POST", "/Items$").serverError());

        assertThat(postStatuses(prefix, 3)).containsExactly(502, 500, 200);
        assertThat(gateway.fired()).isEqualTo(1);
        assertThat(error.fired()).isEqualTo(1);
    }

    @Test
    void aRuleStillSkippingLetsLaterRulesSeeTheRequest() {
        String prefix = uniqueName("skip-then-later");
        FaultHandle later = sandbox.faults().add(Fault.on("POST", "/Items$").after(1).badGateway());
        FaultHandle error = sandbox.faults().add(Fault.on("POST", "/Items$").serverError());

        assertThat(postStatuses(prefix, 3)).containsExactly(500, 502, 200);
        assertThat(later.fired()).isEqualTo(1);
        assertThat(error.fired()).isEqualTo(1);
    }

    @Test
    void methodAndPathMustBothMatch() {
        String prefix = uniqueName("matching");
        String id = createItem("Items", Map.of("Name", prefix)).path("id").asText();
        FaultHandle deleteOne = sandbox.faults().add(Fault.on("delete", "/Items/rec[A-Za-z0-9]+$").serverError());
        FaultHandle people = sandbox.faults().add(Fault.on("*", "/People").unlimited().serverError());

        assertThat(deleteOne.fault().method()).isEqualTo("DELETE");
        assertThat(people.fault().method()).as("* = any").isNull();
        assertThat(postItem(prefix + "-post").status()).as("other method").isEqualTo(200);
        assertThat(api.get(items() + "/" + id).status()).as("other method, same path").isEqualTo(200);
        assertThat(api.get(path(testBase, "People")).status()).as("any method").isEqualTo(500);
        assertThat(api.post(path(testBase, "People"), Map.of("fields", Map.of("Name", prefix))).status())
                .isEqualTo(500);
        assertThat(api.delete(items() + "/" + id).status()).isEqualTo(500);
        assertThat(api.get(items() + "/" + id).status()).as("not deleted").isEqualTo(200);
        assertThat(deleteOne.fired()).isEqualTo(1);
        assertThat(people.fired()).isEqualTo(2);
    }

    @Test
    void thePathIsTheRawPathWithoutTheQueryString() {
        sandbox.faults().add(Fault.on("GET", "maxRecords").unlimited().serverError());
        sandbox.faults().add(Fault.on("GET", "/v0/meta/bases/" + testBase + "/tables$").serverError());

        assertThat(api.get(items() + "?maxRecords=1").status()).as("query not matched").isEqualTo(200);
        assertThat(api.get("/v0/meta/bases/" + testBase + "/tables").status()).as("metadata routes too")
                .isEqualTo(500);
    }

    @Test
    void thePathIsMatchedAsSentPercentEncoded() {
        String table = "Fault Table";
        String base = sandbox.createBase("Faults", List.of(TableSpec.of(table, FieldSpec.text("Name"))));
        sandbox.faults().add(Fault.on("GET", "/Fault Table").unlimited().serverError());
        FaultHandle encoded = sandbox.faults().add(Fault.on("GET", "/Fault%20Table$").serverError());

        assertThat(api.get(path(base, table)).status()).isEqualTo(500);
        assertThat(encoded.fired()).isEqualTo(1);
    }

    @Test
    void nullMethodAndPathMatchEveryApiRequest() {
        FaultHandle any = sandbox.faults().add(Fault.on(null, null).times(3).serverError());

        assertThat(api.get("/v0/meta/whoami").status()).isEqualTo(500);
        assertThat(api.get(items()).status()).isEqualTo(500);
        assertThat(postItem(uniqueName("any")).status()).isEqualTo(500);
        assertThat(api.get("/v0/meta/whoami").status()).isEqualTo(200);
        assertThat(any.fired()).isEqualTo(3);
    }

    @Test
    void unlimitedRulesFireUntilRemoved() {
        String prefix = uniqueName("unlimited");
        FaultHandle rule = sandbox.faults().add(Fault.on("POST", "/Items$").unlimited().serverError());

        assertThat(postStatuses(prefix, 12)).containsOnly(500);
        assertThat(rule.fired()).isEqualTo(12);
        assertThat(rule.remaining()).isEqualTo(-1);
        assertThat(rule.fault().times()).isEqualTo(Fault.UNLIMITED);

        rule.remove();
        rule.remove();
        assertThat(sandbox.faults().rules()).isEmpty();
        assertThat(postItem(prefix + "-after").status()).isEqualTo(200);
        assertThat(itemsNamed(prefix)).hasSize(1);
        assertThat(sandbox.faults().triggered()).as("removing keeps the total").isEqualTo(12);
    }

    @Test
    void clearRemovesEveryRuleAndZeroesTriggered() {
        String prefix = uniqueName("clear");
        FaultHandle first = sandbox.faults().add(Fault.on("POST", "/Items$").times(3).serverError());
        sandbox.faults().add(Fault.on("GET", null).unlimited().badGateway());
        assertThat(postItem(prefix).status()).isEqualTo(500);
        assertThat(sandbox.faults().triggered()).isEqualTo(1);

        sandbox.faults().clear();

        assertThat(sandbox.faults().rules()).isEmpty();
        assertThat(sandbox.faults().triggered()).isZero();
        assertThat(postItem(prefix).status()).isEqualTo(200);
        assertThat(api.get(items() + "?maxRecords=1").status()).isEqualTo(200);
        assertThat(first.fired()).as("a cleared rule keeps its counters").isEqualTo(1);
        assertThat(first.remaining()).isEqualTo(2);
    }

    @Test
    void exhaustedRulesStayListedUntilRemoved() {
        FaultHandle rule = sandbox.faults().add(Fault.on("POST", "/Items$").serverError());
        postItem(uniqueName("exhausted"));

        assertThat(sandbox.faults().rules()).containsExactly(rule);
        assertThat(rule.remaining()).isZero();
    }

    @Test
    void aRuleWithTimesFiveFiresExactlyFiveTimesUnderConcurrency() throws Exception {
        String prefix = uniqueName("concurrent");
        FaultHandle rule = sandbox.faults().add(Fault.on("POST", "/Items$").times(5).serverErrorAfterApply());
        int threads = 16;
        int perThread = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<List<Integer>>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String threadPrefix = prefix + "-" + t;
                tasks.add(() -> postStatuses(threadPrefix, perThread));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<List<Integer>> result : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                statuses.addAll(result.get());
            }

            assertThat(statuses).hasSize(threads * perThread);
            assertThat(statuses.stream().filter(status -> status == 500)).hasSize(5);
            assertThat(statuses.stream().filter(status -> status == 200)).hasSize(threads * perThread - 5);
            assertThat(rule.fired()).isEqualTo(5);
            assertThat(rule.remaining()).isZero();
            assertThat(sandbox.faults().triggered()).isEqualTo(5);
            assertThat(itemsNamed(prefix)).as("all applied").hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDelayedRequestBlocksNoOtherRequest() throws Exception {
        String prefix = uniqueName("no-deadlock");
        String person = createItem("People", Map.of("Name", prefix + "-p")).path("id").asText();
        sandbox.faults().add(Fault.on("POST", "/People$").unlimited().delay(Duration.ofSeconds(2)));
        sandbox.faults().add(Fault.on("PATCH", "/People$").unlimited().delayAfterApply(Duration.ofSeconds(2)));
        CompletableFuture<Integer> slowCreate = CompletableFuture.supplyAsync(
                () -> api.post(path(testBase, "People"), Map.of("fields", Map.of("Name", prefix))).status());
        CompletableFuture<Integer> slowUpdate = CompletableFuture.supplyAsync(() -> api.patch(path(testBase, "People"),
                Map.of("records", List.of(Map.of("id", person, "fields", Map.of("Name", prefix + "-q"))))).status());
        Thread.sleep(200); // both are waiting now

        long start = System.nanoTime();
        assertThat(postItem(prefix).status()).isEqualTo(200);
        assertThat(api.get(path(testBase, "People")).status()).isEqualTo(200);
        assertThat(api.get("/v0/meta/bases/" + testBase + "/tables").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

        assertThat(slowCreate.get(10, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(slowUpdate.get(10, TimeUnit.SECONDS)).isEqualTo(200);
    }

    @Test
    void requestsRejectedByTheRateLimiterDoNotConsumeRules() throws InterruptedException {
        try (AirtableSandbox limited = AirtableSandbox.builder().requestsPerSecondPerBase(5)
                .penalty(Duration.ofMillis(300)).start()) {
            ApiClient client = new ApiClient(limited.baseUrl(), limited.demoToken());
            String companies = "/v0/" + limited.demoBaseId() + "/Companies";
            FaultHandle rule = limited.faults().add(Fault.on("GET", "/Companies$").after(5).serverError());

            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                statuses.add(client.get(companies).status());
            }
            assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429);
            assertThat(rule.fired()).isZero();

            Thread.sleep(400); // the penalty is over and the window was emptied
            ApiClient.Response response = client.get(companies);
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.errorType()).isEqualTo("SERVER_ERROR");
            assertThat(rule.fired()).isEqualTo(1);
        }
    }

    @Test
    void requestsTheSandboxRejectsItselfAndAttachmentDownloadsDoNotConsumeRules() {
        FaultHandle rule = sandbox.faults().add(Fault.on(null, null).serverError());

        assertThat(api.withToken(null).get(items()).status()).as("401").isEqualTo(401);
        assertThat(api.get("/v0/" + testBase + "/NoSuchTable/a/b/c").status()).as("404").isEqualTo(404);
        assertThat(api.get("/attachments/attNoSuchAttachm/file.txt").status()).as("download").isEqualTo(404);
        assertThat(rule.fired()).isZero();

        assertThat(api.get(items()).status()).isEqualTo(500);
    }

    @Test
    void invalidRulesAreRejected() {
        assertThatThrownBy(() -> Fault.on("POST", "x").times(0).serverError())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.on("POST", "x").times(-2).serverError())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.on("POST", "x").after(-1).serverError())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.on("POST", "x").delay(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.on("POST", "x").delayAfterApply(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.on("POST", "x").kind(Fault.Kind.SERVER_ERROR, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.on("POST", "(").serverError())
                .isInstanceOf(PatternSyntaxException.class);
        assertThatThrownBy(() -> Fault.on("POST", "x").kind(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> sandbox.faults().add(null)).isInstanceOf(NullPointerException.class);

        Fault fault = Fault.on(" * ", "x").kind(Fault.Kind.DELAY, Duration.ofMillis(5));
        assertThat(fault.method()).isNull();
        assertThat(fault.times()).isEqualTo(1);
        assertThat(fault.afterMatches()).isZero();
        assertThat(Fault.on("POST", "x").serverError().delay()).isEqualTo(Duration.ZERO);
    }
}
