package io.pyairtable.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.junit.LocalCloudExtension;
import io.pyairtable.local.junit.LocalCloudTemplate;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalCloudExtension.class)
@LocalCloudTemplate("src/test/resources/cloud/app.yaml")
class LocalCloudExtensionTest {

    @Test
    void injectsARunningCloud(LocalCloud cloud) throws Exception {
        HttpResponse<String> info = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(cloud.apiUrl().resolve("/info")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(LocalCloudExtensionTestHolder.remember(cloud)).isSameAs(cloud);
    }

    @Test
    void sharesOneCloudPerTemplate(LocalCloud cloud) {
        assertThat(cloud).isSameAs(LocalCloudExtensionTestHolder.remember(cloud));
    }
}

/** Remembers the first cloud injected, to show the second test gets the same one. */
final class LocalCloudExtensionTestHolder {
    private static LocalCloud first;

    static synchronized LocalCloud remember(LocalCloud cloud) {
        if (first == null) {
            first = cloud;
        }
        return first;
    }
}
