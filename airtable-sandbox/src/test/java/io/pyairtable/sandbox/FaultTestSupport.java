package io.pyairtable.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;

/** The shared sandbox of {@link SandboxTestSupport}, with no fault rule left over between tests. */
abstract class FaultTestSupport extends SandboxTestSupport {

    private static final AtomicInteger NAMES = new AtomicInteger();

    @AfterEach
    void clearFaults() {
        sandbox.faults().clear();
    }

    /** A record name no other test uses. */
    static String uniqueName(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet() + "-" + System.nanoTime();
    }

    String items() {
        return path(testBase, "Items");
    }

    /** Creates an Items record through the API, without asserting on the outcome. */
    ApiClient.Response postItem(String name) {
        return api.post(items(), Map.of("fields", Map.of("Name", name)));
    }

    /** The Items records whose Name starts with {@code prefix}, read through every page. */
    List<JsonNode> itemsNamed(String prefix) {
        List<JsonNode> found = new ArrayList<>();
        String formula = ApiClient.enc("FIND('" + prefix + "', {Name}) = 1");
        String offset = null;
        do {
            ApiClient.Response page = api.get(items() + "?filterByFormula=" + formula
                    + (offset == null ? "" : "&offset=" + ApiClient.enc(offset)));
            assertThat(page.status()).as("list %s", page.json()).isEqualTo(200);
            page.json().path("records").forEach(found::add);
            offset = page.json().path("offset").isTextual() ? page.json().path("offset").asText() : null;
        } while (offset != null);
        return found;
    }
}
