package io.pyairtable.local.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.junit.LocalCloudExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The project's own template.yaml, run by the local cloud: what `./run-local` serves. */
@ExtendWith(LocalCloudExtension.class)
class ProjectTemplateTest {

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAnswersThroughTheApi(LocalCloud cloud) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(cloud.apiUrl().resolve("/health")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(response.body()).contains("\"status\":\"ok\"", "\"stage\":\"dev\"");
    }

    @Test
    void unknownRoutesAreJson404s(LocalCloud cloud) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(cloud.apiUrl().resolve("/nope")));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    @Test
    void corsAllowsOnlyTheFrontendOrigin(LocalCloud cloud) throws Exception {
        HttpResponse<String> allowed = send(HttpRequest.newBuilder(cloud.apiUrl().resolve("/health"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "GET"));
        assertThat(allowed.headers().firstValue("access-control-allow-origin")).contains("http://localhost:3000");
        HttpResponse<String> other = send(HttpRequest.newBuilder(cloud.apiUrl().resolve("/health"))
                .header("Origin", "https://evil.example"));
        assertThat(other.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    void theSigningKeySecretIsProvisioned(LocalCloud cloud) {
        assertThat(cloud.template().secrets()).containsKey("JwtSigningKeySecret");
        assertThat(cloud.template().functions()).containsKey("HealthFunction");
    }
}
