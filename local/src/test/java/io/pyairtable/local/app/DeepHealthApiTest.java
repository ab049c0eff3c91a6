package io.pyairtable.local.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GET /health/deep through the project's template: every dependency of the local cloud answers. */
@ExtendWith(LocalCloudExtension.class)
class DeepHealthApiTest {
    @Test
    void checksEveryDependencyAndNeedsAToken(LocalCloud cloud) throws Exception {
        RecordsApiClient api = new RecordsApiClient(cloud);
        assertThat(api.get("/health/deep", null).status()).isEqualTo(401);
        assertThat(api.get("/health", null).status()).isEqualTo(200);
        AuthApiClient.Reply deep = api.get("/health/deep", api.newUser("Health"));
        assertThat(deep.status()).as(deep.body()).isEqualTo(200);
        JsonNode checks = deep.json().get("checks");
        assertThat(checks.at("/dynamodb/status").asText()).isEqualTo("ok");
        assertThat(checks.at("/secretsManager/status").asText()).isEqualTo("ok");
        assertThat(checks.at("/airtable/status").asText()).isEqualTo("ok");
        assertThat(checks.at("/airtable/detail").asText()).contains("default token");
        assertThat(checks.at("/s3/status").asText()).isEqualTo("ok");
        assertThat(checks.at("/dynamodb/ms").isIntegralNumber()).isTrue();
        assertThat(deep.body()).doesNotContain(cloud.sandbox().demoToken());
    }
}
