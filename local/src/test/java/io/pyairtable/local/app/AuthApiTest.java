package io.pyairtable.local.app;

import static io.pyairtable.local.app.AuthApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The accounts journey through the project's template: HTTP API → authorizer → AuthFunction → DynamoDB. */
@ExtendWith(LocalCloudExtension.class)
class AuthApiTest {
    static final String PASSWORD = "violet kettle orbit 42";
    static final String NEW_PASSWORD = "quiet harbor lantern 77";

    @Test
    void fullJourney(LocalCloud cloud) throws Exception {
        AuthApiClient api = new AuthApiClient(cloud);
        String email = uniqueEmail("Journey");

        AuthApiClient.Reply registered = api.register(email, PASSWORD);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        JsonNode user = registered.json().get("user");
        assertThat(user.get("email").asText()).isEqualTo(email);
        assertThat(user.get("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(registered.body()).doesNotContain(PASSWORD).doesNotContain("argon2");
        JsonNode tokens = registered.json().get("tokens");
        assertThat(tokens.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(tokens.get("expiresIn").asLong()).isEqualTo(900);

        // duplicate email, another case → 409
        AuthApiClient.Reply duplicate = api.register(email.toUpperCase(java.util.Locale.ROOT), PASSWORD);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.errorCode()).isEqualTo("EMAIL_TAKEN");

        // me with the registration's access token
        AuthApiClient.Reply me = api.get("/auth/me", tokens.get("accessToken").asText());
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("user").get("id").asText()).isEqualTo(user.get("id").asText());

        // login (case-insensitive email) → a second session
        AuthApiClient.Reply login = api.login(email.toLowerCase(java.util.Locale.ROOT), PASSWORD);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        String access = login.json().get("tokens").get("accessToken").asText();
        String refresh = login.json().get("tokens").get("refreshToken").asText();
        assertThat(refresh).matches("[0-9a-f-]{36}\\.[A-Za-z0-9_-]{43}");

        // refresh rotates
        AuthApiClient.Reply refreshed = api.post("/auth/refresh", "{\"refreshToken\":\"" + refresh + "\"}");
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        String access2 = refreshed.json().get("tokens").get("accessToken").asText();
        String refresh2 = refreshed.json().get("tokens").get("refreshToken").asText();
        assertThat(refresh2).isNotEqualTo(refresh).startsWith(refresh.substring(0, 37));
        assertThat(api.get("/auth/me", access2).status()).isEqualTo(200);

        // change password from the login session: the registration session is revoked, this one stays
        AuthApiClient.Reply changed = api.postAuthorized("/auth/password", access2,
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"" + NEW_PASSWORD + "\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("revokedSessions").asInt()).isEqualTo(1);
        assertThat(api.post("/auth/refresh", "{\"refreshToken\":\"" + tokens.get("refreshToken").asText() + "\"}")
                .errorCode()).isEqualTo("INVALID_REFRESH_TOKEN");
        assertThat(api.get("/auth/me", tokens.get("accessToken").asText()).status())
                .as("the other session's access token is denied at once").isEqualTo(403);
        assertThat(api.get("/auth/me", access2).status()).as("this session goes on").isEqualTo(200);
        assertThat(api.login(email, PASSWORD).status()).isEqualTo(401);
        assertThat(api.login(email, NEW_PASSWORD).status()).isEqualTo(200);
        AuthApiClient.Reply refreshed3 = api.post("/auth/refresh", "{\"refreshToken\":\"" + refresh2 + "\"}");
        assertThat(refreshed3.status()).as(refreshed3.body()).isEqualTo(200);
        String access3 = refreshed3.json().get("tokens").get("accessToken").asText();
        String refresh3 = refreshed3.json().get("tokens").get("refreshToken").asText();

        // logout: the access token stops working at once, the refresh family is revoked
        AuthApiClient.Reply logout = api.postAuthorized("/auth/logout", access3, "");
        assertThat(logout.status()).as(logout.body()).isEqualTo(204);
        assertThat(api.get("/auth/me", access3).status()).isEqualTo(403);
        assertThat(api.get("/auth/me", access2).status()).as("every access token of the session").isEqualTo(403);
        assertThat(api.get("/auth/me", access).status()).isEqualTo(403);
        AuthApiClient.Reply afterLogout = api.post("/auth/refresh", "{\"refreshToken\":\"" + refresh3 + "\"}");
        assertThat(afterLogout.status()).isEqualTo(401);
        assertThat(afterLogout.errorCode()).isEqualTo("INVALID_REFRESH_TOKEN");
    }

    @Test
    void concurrentRegistrationsOfOneEmailCreateExactlyOneAccount(LocalCloud cloud) throws Exception {
        AuthApiClient api = new AuthApiClient(cloud);
        String email = uniqueEmail("race");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String variant = i % 2 == 0 ? email : email.toUpperCase(java.util.Locale.ROOT);
                results.add(pool.submit(() -> api.register(variant, PASSWORD).status()));
            }
            java.util.List<Integer> statuses = new java.util.ArrayList<>();
            for (var result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void passwordChangeNeedsTheCurrentPassword(LocalCloud cloud) throws Exception {
        AuthApiClient api = new AuthApiClient(cloud);
        String email = uniqueEmail("change");
        String access = api.register(email, PASSWORD).json().get("tokens").get("accessToken").asText();
        AuthApiClient.Reply wrong = api.postAuthorized("/auth/password", access,
                "{\"currentPassword\":\"not the password at all\",\"newPassword\":\"" + NEW_PASSWORD + "\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.errorCode()).isEqualTo("INVALID_CREDENTIALS");
        AuthApiClient.Reply weak = api.postAuthorized("/auth/password", access,
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"password1234\"}");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.errorCode()).isEqualTo("WEAK_PASSWORD");
        assertThat(api.login(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void registrationValidatesEmailAndPassword(LocalCloud cloud) throws Exception {
        AuthApiClient api = new AuthApiClient(cloud);
        AuthApiClient.Reply shortPassword = api.register(uniqueEmail("short"), "short pw");
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.errorCode()).isEqualTo("WEAK_PASSWORD");
        assertThat(shortPassword.body()).doesNotContain("short pw");
        AuthApiClient.Reply common = api.register(uniqueEmail("common"), "Password1234");
        assertThat(common.errorCode()).isEqualTo("WEAK_PASSWORD");
        AuthApiClient.Reply badEmail = api.register("not-an-email", PASSWORD);
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.errorCode()).isEqualTo("VALIDATION_FAILED");
        JsonNode error = badEmail.json().get("error");
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("requestId").asText()).isNotBlank();
        assertThat(badEmail.raw().headers().firstValue("content-type")).contains("application/json");
    }

    @Test
    void loginFailuresAreOneGenericAnswer(LocalCloud cloud) throws Exception {
        AuthApiClient api = new AuthApiClient(cloud);
        String email = uniqueEmail("generic");
        api.register(email, PASSWORD);
        AuthApiClient.Reply wrongPassword = api.login(email, "wrong password here");
        AuthApiClient.Reply unknownUser = api.login(uniqueEmail("nobody"), "wrong password here");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.json().get("error").get("message"))
                .isEqualTo(unknownUser.json().get("error").get("message"));
        assertThat(wrongPassword.errorCode()).isEqualTo(unknownUser.errorCode()).isEqualTo("INVALID_CREDENTIALS");
    }

    @Test
    void protectedRoutesNeedAToken(LocalCloud cloud) throws Exception {
        AuthApiClient api = new AuthApiClient(cloud);
        assertThat(api.get("/auth/me", null).status()).isEqualTo(401);
        assertThat(api.post("/auth/logout", "").status()).isEqualTo(401);
        assertThat(api.get("/health", null).status()).isEqualTo(200);
    }
}
