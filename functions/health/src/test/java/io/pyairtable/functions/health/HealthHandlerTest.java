package io.pyairtable.functions.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthHandlerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void answersOkWithStageAndTimeAsUncachedJson() {
        APIGatewayV2HTTPResponse response = new HealthHandler(Map.of("STAGE", "dev"), CLOCK)
                .handleRequest(new APIGatewayV2HTTPEvent(), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("{\"status\":\"ok\",\"stage\":\"dev\",\"time\":\"2026-11-25T12:00:00Z\"}");
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json")
                .containsEntry("Cache-Control", "no-store");
    }

    @Test
    void escapesTheStageIntoValidJson() {
        APIGatewayV2HTTPResponse response = new HealthHandler(Map.of("STAGE", "a\"b\\c\n"), CLOCK)
                .handleRequest(new APIGatewayV2HTTPEvent(), null);
        assertThat(response.getBody()).contains("\"stage\":\"a\\\"b\\\\c\\u000a\"");
    }

    @Test
    void worksWithoutAStage() {
        assertThat(new HealthHandler(Map.of(), CLOCK).handleRequest(null, null).getBody()).contains("\"stage\":\"unknown\"");
    }
}
