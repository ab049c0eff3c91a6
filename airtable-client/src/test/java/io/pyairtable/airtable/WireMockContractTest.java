package io.pyairtable.airtable;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Airtable behaviours the sandbox does not produce on demand — server errors, timeouts, Retry-After, iterator
 * expiry mid-listing, the exact wire shape of requests — against WireMock responses shaped like Airtable's.
 */
class WireMockContractTest {
    private static final String TOKEN = "patWireMockToken.0123456789abcdef";
    private static final String BASE = "appWIREMOCK000001";
    private static final String RECORD = "{\"id\":\"rec%s\",\"createdTime\":\"2026-01-01T00:00:00.000Z\",\"fields\":{\"Name\":\"%s\"}}";
    private static WireMockServer wm;

    @BeforeAll
    static void start() {
        wm = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wm.start();
    }

    @AfterAll
    static void stop() {
        wm.stop();
    }

    @BeforeEach
    void reset() {
        wm.resetAll();
    }

    private static AirtableApi api(RetryPolicy retry) {
        return AirtableApi.builder(TOKEN)
                .apiUrl(URI.create(wm.baseUrl()))
                .rateLimiter(RateLimiter.unlimited())
                .retryPolicy(retry)
                .requestTimeout(Duration.ofMillis(500))
                .build();
    }

    private static RetryPolicy fastRetries() {
        return RetryPolicy.defaults().withDeadline(Duration.ofSeconds(10))
                .withRateLimitPenalty(Duration.ofMillis(200))
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    private static String record(String suffix, String name) {
        return String.format(RECORD, suffix, name);
    }

    @Test
    void sendsTheTokenAsBearerAndParsesARecord() {
        wm.stubFor(get(urlEqualTo("/v0/" + BASE + "/Deals/recAAAAAAAAAAAAAA"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson(record("AAAAAAAAAAAAAA", "Alpha"))));
        AirtableRecord r = api(fastRetries()).base(BASE).table("Deals").get("recAAAAAAAAAAAAAA");
        assertThat(r.get("Name")).isEqualTo("Alpha");
        assertThat(r.createdTime()).hasToString("2026-01-01T00:00:00Z");
    }

    @Test
    void encodesTableNamesAndQueryParametersTheAirtableWay() {
        wm.stubFor(get(urlPathEqualTo("/v0/" + BASE + "/My%20Table")).willReturn(okJson("{\"records\":[]}")));
        RecordQuery query = RecordQuery.builder().fields("Name", "Amount").sort(Sort.desc("Amount"), Sort.asc("Name"))
                .filter(Formula.fieldEquals("Stage", "Won & Co")).pageSize(50).maxRecords(70)
                .view("Grid view").stringCells("Europe/Paris", "fr").returnFieldsByFieldId(true).build();
        api(fastRetries()).base(BASE).table("My Table").list(query);
        wm.verify(getRequestedFor(urlPathEqualTo("/v0/" + BASE + "/My%20Table"))
                .withQueryParam("fields[]", equalTo("Name"))
                .withQueryParam("sort[0][field]", equalTo("Amount"))
                .withQueryParam("sort[0][direction]", equalTo("desc"))
                .withQueryParam("sort[1][field]", equalTo("Name"))
                .withQueryParam("filterByFormula", equalTo("({Stage} = \"Won & Co\")"))
                .withQueryParam("pageSize", equalTo("50"))
                .withQueryParam("maxRecords", equalTo("70"))
                .withQueryParam("view", equalTo("Grid view"))
                .withQueryParam("cellFormat", equalTo("string"))
                .withQueryParam("timeZone", equalTo("Europe/Paris"))
                .withQueryParam("userLocale", equalTo("fr"))
                .withQueryParam("returnFieldsByFieldId", equalTo("true")));
    }

    @Test
    void switchesToPostListRecordsWhenTheUrlWouldReach16000Characters() {
        wm.stubFor(post(urlEqualTo("/v0/" + BASE + "/Deals/listRecords"))
                .willReturn(okJson("{\"records\":[" + record("AAAAAAAAAAAAAA", "A") + "],\"offset\":\"itr1/rec1\"}")));
        wm.stubFor(post(urlEqualTo("/v0/" + BASE + "/Deals/listRecords"))
                .withRequestBody(matchingJsonPath("$.offset", equalTo("itr1/rec1")))
                .willReturn(okJson("{\"records\":[" + record("BBBBBBBBBBBBBB", "B") + "]}")));
        String longValue = "v".repeat(16_000);
        List<AirtableRecord> records = api(fastRetries()).base(BASE).table("Deals")
                .list(RecordQuery.builder().filter(Formula.fieldEquals("Name", longValue)).fields("Name").build());
        assertThat(records).extracting(AirtableRecord::id).containsExactly("recAAAAAAAAAAAAAA", "recBBBBBBBBBBBBBB");
        wm.verify(2, postRequestedFor(urlEqualTo("/v0/" + BASE + "/Deals/listRecords"))
                .withRequestBody(matchingJsonPath("$.filterByFormula", equalTo("({Name} = \"" + longValue + "\")")))
                .withRequestBody(matchingJsonPath("$.fields[0]", equalTo("Name"))));
        wm.verify(0, getRequestedFor(urlPathEqualTo("/v0/" + BASE + "/Deals")));
    }

    @Test
    void waitsOutA429WithRetryAfterThenSucceeds() {
        wm.stubFor(get(urlEqualTo("/v0/meta/whoami")).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"errors\":[{\"error\":\"RATE_LIMIT_REACHED\",\"message\":\"Rate limit exceeded. Please try again later\"}]}"))
                .willSetStateTo("ok"));
        wm.stubFor(get(urlEqualTo("/v0/meta/whoami")).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"id\":\"usrAAAAAAAAAAAAAA\",\"scopes\":[\"data.records:read\"]}")));
        AirtableApi api = AirtableApi.builder(TOKEN).apiUrl(URI.create(wm.baseUrl()))
                .rateLimiter(new SlidingWindowRateLimiter(5, 50, Duration.ofSeconds(1)))
                .retryPolicy(fastRetries()).build();
        long start = System.nanoTime();
        assertThat(api.whoami().scopes()).containsExactly("data.records:read");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("Retry-After: 1 honoured")
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void a429ThatOutlastsTheDeadlineSurfacesAsRateLimited() {
        wm.stubFor(get(urlEqualTo("/v0/meta/whoami")).willReturn(aResponse().withStatus(429)
                .withBody("{\"errors\":[{\"error\":\"RATE_LIMIT_REACHED\",\"message\":\"Rate limit exceeded. Please try again later\"}]}")));
        AirtableApi api = AirtableApi.builder(TOKEN).apiUrl(URI.create(wm.baseUrl()))
                .rateLimiter(SlidingWindowRateLimiter.airtableDefaults())
                .retryPolicy(RetryPolicy.defaults().withDeadline(Duration.ofSeconds(2))).build();
        long start = System.nanoTime();
        assertThatThrownBy(api::whoami).isInstanceOf(AirtableException.RateLimited.class)
                .hasMessageContaining("RATE_LIMIT_REACHED");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("gives up at once: 30 s penalty > 2 s deadline")
                .isLessThan(Duration.ofSeconds(2));
        wm.verify(1, getRequestedFor(urlEqualTo("/v0/meta/whoami")));
    }

    @Test
    void retriesTransientServerErrorsOnReads() {
        wm.stubFor(get(urlEqualTo("/v0/meta/whoami")).inScenario("5xx").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("<html>unavailable</html>")).willSetStateTo("502"));
        wm.stubFor(get(urlEqualTo("/v0/meta/whoami")).inScenario("5xx").whenScenarioStateIs("502")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("ok"));
        wm.stubFor(get(urlEqualTo("/v0/meta/whoami")).inScenario("5xx").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"id\":\"usrAAAAAAAAAAAAAA\"}")));
        assertThat(api(fastRetries()).whoami().id()).isEqualTo("usrAAAAAAAAAAAAAA");
        wm.verify(3, getRequestedFor(urlEqualTo("/v0/meta/whoami")));
    }

    @Test
    void stopsAfterMaxAttempts() {
        wm.stubFor(get(urlEqualTo("/v0/meta/whoami")).willReturn(aResponse().withStatus(500)
                .withBody("{\"error\":{\"type\":\"SERVER_ERROR\",\"message\":\"Try again\"}}")));
        assertThatThrownBy(() -> api(fastRetries().withMaxAttempts(3)).whoami())
                .isInstanceOf(AirtableException.ServerError.class).hasMessageContaining("SERVER_ERROR");
        wm.verify(3, getRequestedFor(urlEqualTo("/v0/meta/whoami")));
    }

    @Test
    void doesNotRepeatACreateAfterAServerErrorUnlessAllowed() {
        wm.stubFor(post(urlEqualTo("/v0/" + BASE + "/Deals")).willReturn(aResponse().withStatus(503)));
        Table deals = api(fastRetries()).base(BASE).table("Deals");
        assertThatThrownBy(() -> deals.create(Map.of("Name", "x"))).isInstanceOf(AirtableException.ServerError.class);
        wm.verify(1, postRequestedFor(urlEqualTo("/v0/" + BASE + "/Deals")));

        wm.resetRequests();
        Table retrying = api(fastRetries().withRetryCreates(true).withMaxAttempts(2)).base(BASE).table("Deals");
        assertThatThrownBy(() -> retrying.create(Map.of("Name", "x"))).isInstanceOf(AirtableException.ServerError.class);
        wm.verify(2, postRequestedFor(urlEqualTo("/v0/" + BASE + "/Deals")));
    }

    @Test
    void retriesTimeoutsOnReadsAndReportsTransportErrors() {
        wm.stubFor(get(urlEqualTo("/v0/meta/whoami")).willReturn(okJson("{}").withFixedDelay(2_000)));
        assertThatThrownBy(() -> api(fastRetries().withMaxAttempts(2)).whoami())
                .isInstanceOf(AirtableException.Transport.class)
                .hasMessageContaining("timed out")
                .satisfies(e -> assertThat(((AirtableException) e).status()).isZero());
        wm.verify(2, getRequestedFor(urlEqualTo("/v0/meta/whoami")));
    }

    @Test
    void connectionResetIsATransportError() {
        wm.stubFor(get(urlEqualTo("/v0/meta/whoami")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> api(fastRetries().withMaxAttempts(2)).whoami())
                .isInstanceOf(AirtableException.Transport.class);
    }

    @Test
    void restartsCleanlyWhenTheListIteratorExpires() {
        String table = "/v0/" + BASE + "/Deals";
        // first listing: page 1 (A, B), then the offset has expired
        wm.stubFor(get(urlPathEqualTo(table)).inScenario("expiry").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"records\":[" + record("AAAAAAAAAAAAAA", "A") + "," + record("BBBBBBBBBBBBBB", "B")
                        + "],\"offset\":\"itrOLD/recB\"}")).willSetStateTo("expired"));
        wm.stubFor(get(urlPathEqualTo(table)).withQueryParam("offset", equalTo("itrOLD/recB")).inScenario("expiry")
                .whenScenarioStateIs("expired")
                .willReturn(aResponse().withStatus(422).withBody("{\"error\":{\"type\":\"LIST_RECORDS_ITERATOR_NOT_AVAILABLE\",\"message\":\"Iterator not available\"}}"))
                .willSetStateTo("restarted"));
        // the restart sees A, B again (skipped), then C, D
        wm.stubFor(get(urlPathEqualTo(table)).inScenario("expiry").whenScenarioStateIs("restarted")
                .willReturn(okJson("{\"records\":[" + record("AAAAAAAAAAAAAA", "A") + "," + record("BBBBBBBBBBBBBB", "B")
                        + "],\"offset\":\"itrNEW/recB\"}")));
        wm.stubFor(get(urlPathEqualTo(table)).withQueryParam("offset", equalTo("itrNEW/recB")).inScenario("expiry")
                .whenScenarioStateIs("restarted")
                .willReturn(okJson("{\"records\":[" + record("CCCCCCCCCCCCCC", "C") + "," + record("DDDDDDDDDDDDDD", "D") + "]}")));

        List<AirtableRecord> all = api(fastRetries()).base(BASE).table("Deals").list(RecordQuery.all());
        assertThat(all).extracting(r -> r.get("Name")).containsExactly("A", "B", "C", "D");
    }

    @Test
    void anExpiredIteratorThatKeepsExpiringIsReported() {
        String table = "/v0/" + BASE + "/Deals";
        wm.stubFor(get(urlPathEqualTo(table)).willReturn(okJson("{\"records\":[" + record("AAAAAAAAAAAAAA", "A")
                + "],\"offset\":\"itr/recA\"}")));
        wm.stubFor(get(urlPathEqualTo(table)).withQueryParam("offset", equalTo("itr/recA"))
                .willReturn(aResponse().withStatus(422).withBody("{\"error\":{\"type\":\"LIST_RECORDS_ITERATOR_NOT_AVAILABLE\",\"message\":\"gone\"}}")));
        List<Object> seen = new ArrayList<>();
        assertThatThrownBy(() -> api(fastRetries()).base(BASE).table("Deals").stream(RecordQuery.all())
                .forEach(r -> seen.add(r.get("Name"))))
                .isInstanceOf(AirtableException.InvalidRequest.class)
                .hasMessageContaining("LIST_RECORDS_ITERATOR_NOT_AVAILABLE");
        assertThat(seen).containsExactly("A");
    }

    @Test
    void reportsWhichChunksSucceededWhenALaterChunkFails() {
        String table = "/v0/" + BASE + "/Deals";
        StringBuilder ten = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            ten.append(i == 0 ? "" : ",").append(record(String.format("A%013d", i), "n" + i));
        }
        wm.stubFor(post(urlEqualTo(table)).inScenario("chunks").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"records\":[" + ten + "]}")).willSetStateTo("second"));
        wm.stubFor(post(urlEqualTo(table)).inScenario("chunks").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(422).withBody(
                        "{\"error\":{\"type\":\"INVALID_VALUE_FOR_COLUMN\",\"message\":\"Field \\\"Amount\\\" cannot accept the provided value\"}}")));
        List<Map<String, Object>> input = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            input.add(Map.of("Name", "n" + i));
        }
        Table deals = api(fastRetries()).base(BASE).table("Deals");
        assertThatThrownBy(() -> deals.create(input)).isInstanceOfSatisfying(BatchWriteException.class, e -> {
            BatchResult result = e.result();
            assertThat(result.succeeded()).isFalse();
            assertThat(result.chunks()).extracting(BatchResult.Chunk::status).containsExactly(
                    BatchResult.Status.SUCCEEDED, BatchResult.Status.FAILED, BatchResult.Status.NOT_ATTEMPTED);
            assertThat(result.chunks().get(1).fromIndex()).isEqualTo(10);
            assertThat(result.chunks().get(2).toIndex()).isEqualTo(25);
            assertThat(result.records()).hasSize(10);
            assertThat(e.type()).isEqualTo("INVALID_VALUE_FOR_COLUMN");
            assertThat(e.getMessage()).contains("chunk 1", "records 10–19", "1 of 3 chunks");
        });
        wm.verify(2, postRequestedFor(urlEqualTo(table)));
    }

    @Test
    void upsertSendsPerformUpsertAndReportsCreatedAndUpdated() {
        wm.stubFor(patch(urlEqualTo("/v0/" + BASE + "/Deals")).willReturn(okJson("{\"records\":["
                + record("AAAAAAAAAAAAAA", "A") + "," + record("BBBBBBBBBBBBBB", "B")
                + "],\"createdRecords\":[\"recAAAAAAAAAAAAAA\"],\"updatedRecords\":[\"recBBBBBBBBBBBBBB\"]}")));
        UpsertResult result = api(fastRetries()).base(BASE).table("Deals")
                .upsert(List.of("Name"), List.of(Map.of("Name", "A"), Map.of("Name", "B")), WriteOptions.withTypecast());
        assertThat(result.createdRecordIds()).containsExactly("recAAAAAAAAAAAAAA");
        assertThat(result.updatedRecordIds()).containsExactly("recBBBBBBBBBBBBBB");
        wm.verify(com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor(urlEqualTo("/v0/" + BASE + "/Deals"))
                .withRequestBody(equalToJson("{\"typecast\":true,\"performUpsert\":{\"fieldsToMergeOn\":[\"Name\"]},"
                        + "\"records\":[{\"fields\":{\"Name\":\"A\"}},{\"fields\":{\"Name\":\"B\"}}]}")));
    }

    @Test
    void deleteSendsRecordsArrayParameters() {
        wm.stubFor(delete(urlPathEqualTo("/v0/" + BASE + "/Deals")).willReturn(okJson(
                "{\"records\":[{\"id\":\"recAAAAAAAAAAAAAA\",\"deleted\":true},{\"id\":\"recBBBBBBBBBBBBBB\",\"deleted\":true}]}")));
        List<String> deleted = api(fastRetries()).base(BASE).table("Deals")
                .delete(List.of("recAAAAAAAAAAAAAA", "recBBBBBBBBBBBBBB"));
        assertThat(deleted).containsExactly("recAAAAAAAAAAAAAA", "recBBBBBBBBBBBBBB");
        wm.verify(deleteRequestedFor(urlEqualTo("/v0/" + BASE + "/Deals?records%5B%5D=recAAAAAAAAAAAAAA&records%5B%5D=recBBBBBBBBBBBBBB")));
    }

    @Test
    void uploadsAttachmentsToTheContentEndpointAsBase64() {
        wm.stubFor(post(urlEqualTo("/v0/" + BASE + "/recAAAAAAAAAAAAAA/Files/uploadAttachment")).willReturn(okJson(
                "{\"id\":\"recAAAAAAAAAAAAAA\",\"createdTime\":\"2026-01-01T00:00:00.000Z\",\"fields\":{\"fldAAAAAAAAAAAAAA\":[{\"id\":\"attAAAAAAAAAAAAAA\",\"filename\":\"a.txt\"}]}}")));
        AirtableApi api = AirtableApi.builder(TOKEN).apiUrl(URI.create("http://127.0.0.1:1"))
                .contentUrl(URI.create(wm.baseUrl())).rateLimiter(RateLimiter.unlimited()).build();
        AirtableRecord r = api.base(BASE).table("Deals")
                .uploadAttachment("recAAAAAAAAAAAAAA", "Files", "a.txt", "text/plain", "hello".getBytes());
        assertThat(r.fields()).containsKey("fldAAAAAAAAAAAAAA");
        wm.verify(postRequestedFor(urlEqualTo("/v0/" + BASE + "/recAAAAAAAAAAAAAA/Files/uploadAttachment"))
                .withRequestBody(equalToJson("{\"contentType\":\"text/plain\",\"file\":\"aGVsbG8=\",\"filename\":\"a.txt\"}")));
    }

    @Test
    void validatesBeforeSendingAnything() {
        Table deals = api(fastRetries()).base(BASE).table("Deals");
        assertThatThrownBy(() -> deals.upsert(List.of(), List.of(Map.of("Name", "a")), WriteOptions.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 3");
        assertThatThrownBy(() -> deals.upsert(List.of("A", "B", "C", "D"), List.of(), WriteOptions.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> deals.upsert(List.of("Name", "Name"), List.of(), WriteOptions.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
        assertThatThrownBy(() -> deals.upsert(List.of("Email"), List.of(Map.of("Name", "a")), WriteOptions.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record 0 has no value for merge field \"Email\"");
        assertThatThrownBy(() -> deals.upsert(List.of("Name"), List.of(Map.of("Name", "a"), Map.of("Name", "a")),
                WriteOptions.DEFAULT)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeats the merge key");
        assertThatThrownBy(() -> deals.get("rec123")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> deals.delete(List.of("recAAAAAAAAAAAAAA", "nope"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> deals.uploadAttachment("recAAAAAAAAAAAAAA", "Files", "big.bin", "application/octet-stream",
                new byte[Table.MAX_UPLOAD_BYTES + 1])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 MB");
        assertThatThrownBy(() -> api(fastRetries()).base("appTooShort")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AirtableApi.builder("pat with space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AirtableApi.builder("pat\r\nX-Injected: 1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void neverPutsTheTokenInErrorsOrToString() {
        wm.stubFor(get(urlEqualTo("/v0/meta/whoami")).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":{\"type\":\"AUTHENTICATION_REQUIRED\",\"message\":\"Authentication required\"}}")));
        AirtableApi api = api(fastRetries());
        assertThatThrownBy(api::whoami).isInstanceOf(AirtableException.Authentication.class)
                .satisfies(e -> assertThat(e.toString()).doesNotContain(TOKEN));
        assertThat(api.toString()).doesNotContain(TOKEN).contains(api.tokenFingerprint());
    }
}
