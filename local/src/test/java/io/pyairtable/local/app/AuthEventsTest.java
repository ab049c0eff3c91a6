package io.pyairtable.local.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.junit.LocalCloudExtension;
import io.pyairtable.local.lambda.InvocationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sample events in events/ invoke their functions (like `./run-local invoke … -e events/…`) with the answers docs/api.md describes. */
@ExtendWith(LocalCloudExtension.class)
class AuthEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode invoke(LocalCloud cloud, String function, String file) throws Exception {
        Path events = Path.of("../events");
        InvocationResult result = cloud.lambdas().invokeAsync(function, Files.readAllBytes(events.resolve(file))).get();
        assertThat(result.isError()).as(result.payloadAsString()).isFalse();
        return JSON.readTree(result.payload());
    }

    @Test
    void sampleEventsAnswerAsDocumented(LocalCloud cloud) throws Exception {
        assertThat(invoke(cloud, "AuthFunction", "auth-register.json").get("statusCode").asInt()).isEqualTo(201);
        assertThat(invoke(cloud, "AuthFunction", "auth-register.json").get("statusCode").asInt()).isEqualTo(409);
        JsonNode login = invoke(cloud, "AuthFunction", "auth-login.json");
        assertThat(login.get("statusCode").asInt()).isEqualTo(200);
        assertThat(login.get("body").asText()).contains("\"accessToken\"", "\"refreshToken\"");
        JsonNode refresh = invoke(cloud, "AuthFunction", "auth-refresh.json");
        assertThat(refresh.get("statusCode").asInt()).isEqualTo(401); // the sample token's family does not exist
        JsonNode me = invoke(cloud, "AuthFunction", "auth-me-get.json");
        assertThat(me.get("statusCode").asInt()).isEqualTo(401); // the sample subject is not a registered user
        assertThat(me.get("body").asText()).contains("INVALID_TOKEN");
        assertThat(invoke(cloud, "AuthFunction", "auth-password.json").get("statusCode").asInt()).isEqualTo(401);
        assertThat(invoke(cloud, "AuthFunction", "auth-logout.json").get("statusCode").asInt()).isEqualTo(204);
        JsonNode decision = invoke(cloud, "AuthorizerFunction", "authorizer-request.json");
        assertThat(decision.get("isAuthorized").asBoolean()).isFalse(); // the sample token's signature is not valid
    }
}
