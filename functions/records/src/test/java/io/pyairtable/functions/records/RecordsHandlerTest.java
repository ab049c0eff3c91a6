package io.pyairtable.functions.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.pyairtable.airtable.AirtableException;
import io.pyairtable.functions.core.airtable.AirtableErrors;
import io.pyairtable.functions.core.ApiError;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordsHandlerTest {
    @Test
    void aRouteWithoutAuthorizerContextIs401() {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRouteKey("GET /bases")
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("r1").build()).build();
        APIGatewayV2HTTPResponse response = new RecordsHandler(null, null).handleRequest(event, null);
        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getBody()).contains("UNAUTHORIZED", "r1");
    }

    @Test
    void airtableErrorsMapToOurShapeAndNeverTo500() {
        assertThat(AirtableErrors.toApiError(new AirtableException.Permission("INVALID_PERMISSIONS", "no", "GET x"))
                .status()).isEqualTo(403);
        assertThat(AirtableErrors.toApiError(new AirtableException.NotFound("TABLE_NOT_FOUND", "no", "GET x"))
                .getMessage()).contains("TABLE_NOT_FOUND");
        assertThat(AirtableErrors.toApiError(new AirtableException.InvalidRequest(422, "UNKNOWN_FIELD_NAME", "no", "x"))
                .status()).isEqualTo(422);
        ApiError limited = AirtableErrors.toApiError(new AirtableException.RateLimited("RATE_LIMIT_REACHED", "slow", "x"));
        assertThat(limited.status()).isEqualTo(503);
        assertThat(limited.headers()).isEqualTo(Map.of("Retry-After", "30"));
        assertThat(AirtableErrors.toApiError(new AirtableException.Authentication("AUTHENTICATION_REQUIRED", "no", "x"))
                .status()).isEqualTo(409);
        assertThat(AirtableErrors.toApiError(new AirtableException.ServerError(500, "SERVER_ERROR", "boom", "x"))
                .status()).isEqualTo(502);
    }
}
