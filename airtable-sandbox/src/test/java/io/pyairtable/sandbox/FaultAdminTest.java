package io.pyairtable.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP admin routes {@code /_sandbox/faults}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultAdminTest {

    private AirtableSandbox sandbox;
    private ApiClient api;
    private ApiClient admin;
    private String deals;

    @BeforeAll
    void start() {
        sandbox = AirtableSandbox.builder().requestsPerSecondPerBase(0).adminEndpoints(true).start();
        api = new ApiClient(sandbox.baseUrl(), sandbox.demoToken());
        admin = api.withToken(null);
        deals = "/v0/" + sandbox.demoBaseId() + "/Deals";
    }

    @AfterEach
    void clear() {
        sandbox.faults().clear();
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    private ApiClient.Response addFault(String json) {
        return admin.send("POST", "/_sandbox/faults", json);
    }

    private int dealsNamed(String name) {
        return api.get(deals + "?filterByFormula=" + ApiClient.enc("{Name}='" + name + "'")).json()
                .path("records").size();
    }

    @Test
    void addsListsAndClearsRulesWithoutAToken() {
        ApiClient.Response created = addFault("{\"method\":\"POST\",\"path\":\"/v0/" + sandbox.demoBaseId()
                + "/Deals\",\"kind\":\"SERVER_ERROR_AFTER_APPLY\",\"times\":1,\"after\":0,\"delayMillis\":0}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(id).isNotBlank();
        assertThat(created.json().size()).isEqualTo(1);

        ApiClient.Response lost = api.post(deals, Map.of("fields", Map.of("Name", "Admin lost response")));
        assertThat(lost.status()).isEqualTo(500);
        assertThat(dealsNamed("Admin lost response")).isEqualTo(1);

        ApiClient.Response listed = admin.get("/_sandbox/faults");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("triggered").asLong()).isEqualTo(1);
        JsonNode rule = listed.json().path("faults").get(0);
        assertThat(rule.path("id").asText()).isEqualTo(id);
        assertThat(rule.path("method").asText()).isEqualTo("POST");
        assertThat(rule.path("path").asText()).isEqualTo("/v0/" + sandbox.demoBaseId() + "/Deals");
        assertThat(rule.path("kind").asText()).isEqualTo("SERVER_ERROR_AFTER_APPLY");
        assertThat(rule.path("times").asInt()).isEqualTo(1);
        assertThat(rule.path("after").asInt()).isZero();
        assertThat(rule.path("delayMillis").asLong()).isZero();
        assertThat(rule.path("fired").asInt()).isEqualTo(1);
        assertThat(rule.path("remaining").asInt()).isZero();
        assertThat(admin.get("/_sandbox/faults/" + id).json()).isEqualTo(rule);

        ApiClient.Response cleared = admin.delete("/_sandbox/faults");
        assertThat(cleared.status()).isEqualTo(204);
        assertThat(cleared.bytes()).isEmpty();
        JsonNode empty = admin.get("/_sandbox/faults").json();
        assertThat(empty.path("faults")).isEmpty();
        assertThat(empty.path("triggered").asLong()).isZero();
        assertThat(sandbox.faults().rules()).isEmpty();
    }

    @Test
    void defaultsAndRulesAddedFromJavaAreListedToo() {
        sandbox.faults().add(Fault.on(null, null).unlimited().delay(java.time.Duration.ofMillis(1500)));
        assertThat(addFault("{\"kind\":\"bad_gateway\"}").status()).isEqualTo(201);

        JsonNode rules = admin.get("/_sandbox/faults").json().path("faults");
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).path("method").isNull()).isTrue();
        assertThat(rules.get(0).path("path").isNull()).isTrue();
        assertThat(rules.get(0).path("kind").asText()).isEqualTo("DELAY");
        assertThat(rules.get(0).path("times").asInt()).isEqualTo(-1);
        assertThat(rules.get(0).path("remaining").asInt()).isEqualTo(-1);
        assertThat(rules.get(0).path("delayMillis").asLong()).isEqualTo(1500);
        assertThat(rules.get(1).path("kind").asText()).isEqualTo("BAD_GATEWAY");
        assertThat(rules.get(1).path("times").asInt()).isEqualTo(1);
        assertThat(rules.get(1).path("after").asInt()).isZero();
    }

    @Test
    void removesOneRuleById() {
        String first = addFault("{\"method\":\"GET\",\"kind\":\"SERVER_ERROR\",\"times\":-1}").json().path("id").asText();
        String second = addFault("{\"method\":\"POST\",\"kind\":\"BAD_GATEWAY\",\"after\":3}").json().path("id").asText();

        assertThat(admin.delete("/_sandbox/faults/" + first).status()).isEqualTo(204);

        assertThat(sandbox.faults().rules()).extracting(FaultHandle::id).containsExactly(second);
        assertThat(api.get(deals + "?maxRecords=1").status()).isEqualTo(200);
        assertThat(admin.get("/_sandbox/faults/" + first).status()).isEqualTo(404);
        assertThat(admin.delete("/_sandbox/faults/" + first).status()).isEqualTo(404);
    }

    @Test
    void adminRoutesAreNeverFaultedNorRateLimited() {
        assertThat(addFault("{\"kind\":\"SERVER_ERROR\",\"times\":-1}").status()).isEqualTo(201);
        for (int i = 0; i < 10; i++) {
            assertThat(admin.get("/_sandbox/faults").status()).isEqualTo(200);
        }
        assertThat(api.get("/v0/meta/whoami").status()).isEqualTo(500);
        assertThat(admin.get("/_sandbox/faults").json().path("faults").get(0).path("fired").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not json",
        "[]",
        "\"SERVER_ERROR\"",
        "{}",
        "{\"kind\":null}",
        "{\"kind\":\"TEAPOT\"}",
        "{\"kind\":7}",
        "{\"kind\":\"SERVER_ERROR\",\"afterMatches\":1}",
        "{\"kind\":\"SERVER_ERROR\",\"times\":0}",
        "{\"kind\":\"SERVER_ERROR\",\"times\":-2}",
        "{\"kind\":\"SERVER_ERROR\",\"times\":\"1\"}",
        "{\"kind\":\"SERVER_ERROR\",\"times\":1.5}",
        "{\"kind\":\"SERVER_ERROR\",\"times\":99999999999}",
        "{\"kind\":\"SERVER_ERROR\",\"after\":-1}",
        "{\"kind\":\"SERVER_ERROR\",\"delayMillis\":100}",
        "{\"kind\":\"DELAY\"}",
        "{\"kind\":\"DELAY_AFTER_APPLY\",\"delayMillis\":0}",
        "{\"kind\":\"DELAY\",\"delayMillis\":-5}",
        "{\"kind\":\"SERVER_ERROR\",\"path\":\"(unclosed\"}",
        "{\"kind\":\"SERVER_ERROR\",\"path\":[\"/Deals\"]}",
        "{\"kind\":\"SERVER_ERROR\",\"method\":\"PO ST\"}",
        "{\"kind\":\"SERVER_ERROR\",\"method\":5}"
    })
    void badInputIs400Json(String body) {
        ApiClient.Response response = addFault(body);

        assertThat(response.status()).as(body).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.errorType()).isEqualTo("INVALID_FAULT");
        assertThat(response.errorMessage()).isNotBlank();
        assertThat(sandbox.faults().rules()).isEmpty();
    }

    @Test
    void unknownAdminRoutesAndMethods() {
        assertThat(admin.send("PUT", "/_sandbox/faults", "{}").status()).isEqualTo(405);
        assertThat(admin.send("PATCH", "/_sandbox/faults/fltNone", "{}").status()).isEqualTo(404);
        String id = addFault("{\"kind\":\"SERVER_ERROR\"}").json().path("id").asText();
        assertThat(admin.send("PATCH", "/_sandbox/faults/" + id, "{}").status()).isEqualTo(405);
        assertThat(admin.get("/_sandbox/other").status()).isEqualTo(404);
        assertThat(admin.get("/_sandbox/faults/flt999/x").status()).isEqualTo(404);
        assertThat(admin.get("/_sandbox").status()).isEqualTo(404);
    }

    @Test
    void disabledByDefaultAnsweringLikeAnyUnknownRoute() {
        try (AirtableSandbox plain = AirtableSandbox.builder().start()) {
            ApiClient client = new ApiClient(plain.baseUrl(), null);
            for (ApiClient.Response response : new ApiClient.Response[] {
                client.get("/_sandbox/faults"),
                client.send("POST", "/_sandbox/faults", "{\"kind\":\"SERVER_ERROR\"}"),
                client.delete("/_sandbox/faults")}) {
                assertThat(response.status()).isEqualTo(404);
                assertThat(response.json().path("error").asText()).isEqualTo("NOT_FOUND");
            }
            assertThat(plain.faults().rules()).isEmpty();
        }
    }
}
