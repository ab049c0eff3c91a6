package io.pyairtable.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthenticationTest extends SandboxTestSupport {

    @Test
    void missingOrUnknownTokenIs401() {
        for (ApiClient client : new ApiClient[] {api.withToken(null), api.withToken("patUnknown.123")}) {
            ApiClient.Response response = client.get(path(demoBase, "Companies"));
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.errorType()).isEqualTo("AUTHENTICATION_REQUIRED");
            assertThat(response.errorMessage()).isEqualTo("Authentication required");
        }
    }

    @Test
    void tokenWithoutTheBaseOrUnknownBaseIs403() {
        ApiClient otherBaseOnly = api.withToken(sandbox.createToken(Set.of(testBase),
                Set.of("data.records:read", "data.records:write", "schema.bases:read")));

        ApiClient.Response noAccess = otherBaseOnly.get(path(demoBase, "Companies"));
        assertThat(noAccess.status()).isEqualTo(403);
        assertThat(noAccess.errorType()).isEqualTo("INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND");
        assertThat(noAccess.errorMessage()).startsWith("Invalid permissions, or the requested model was not found.");

        assertThat(api.get(path("appDoesNotExist00", "Companies")).status()).isEqualTo(403);
        assertThat(otherBaseOnly.get(path(testBase, "Items")).status()).isEqualTo(200);

        ApiClient.Response bases = otherBaseOnly.get("/v0/meta/bases");
        assertThat(bases.json().path("bases").findValuesAsText("id")).containsExactly(testBase);
    }

    @Test
    void missingScopeIs403() {
        ApiClient readOnly = api.withToken(sandbox.createToken(Set.of("*"), Set.of("data.records:read")));

        assertThat(readOnly.get(path(demoBase, "Companies")).status()).isEqualTo(200);
        ApiClient.Response write = readOnly.post(path(testBase, "Items"), Map.of("fields", Map.of("Name", "x")));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.errorType()).isEqualTo("INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND");
        assertThat(readOnly.get("/v0/meta/bases/" + demoBase + "/tables").status()).isEqualTo(403);
        assertThat(readOnly.post("/v0/meta/bases/" + testBase + "/tables", Map.of("name", "T")).status())
                .isEqualTo(403);
    }

    @Test
    void whoamiShowsTheUserAndScopes() {
        ApiClient.Response whoami = api.get("/v0/meta/whoami");
        assertThat(whoami.status()).isEqualTo(200);
        assertThat(whoami.json().path("id").asText()).matches("usr[A-Za-z0-9]{14}");
        assertThat(whoami.json().path("scopes").toString())
                .contains("data.records:read", "data.records:write", "schema.bases:read", "schema.bases:write");
    }
}
