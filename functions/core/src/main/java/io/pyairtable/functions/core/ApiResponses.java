package io.pyairtable.functions.core;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON responses of the API (payload format 2.0), including the one error shape of DESIGN §3. */
public final class ApiResponses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiResponses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        try {
            return response(status, JSON.writeValueAsString(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serializable: " + e.getOriginalMessage(), e);
        }
    }

    public static APIGatewayV2HTTPResponse noContent() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204)
                .withHeaders(Map.of("Cache-Control", "no-store")).build();
    }

    public static APIGatewayV2HTTPResponse error(ApiError error, String requestId) {
        return error(error.status(), error.code(), error.getMessage(), requestId, error.headers());
    }

    public static APIGatewayV2HTTPResponse internalError(String requestId) {
        return error(500, "INTERNAL_ERROR", "Something went wrong on our side; try again later.", requestId, Map.of());
    }

    private static APIGatewayV2HTTPResponse error(int status, String code, String message, String requestId,
            Map<String, String> headers) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("code", code);
        inner.put("message", message);
        inner.put("requestId", requestId == null ? "" : requestId);
        try {
            return response(status, JSON.writeValueAsString(Map.of("error", inner)), headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static APIGatewayV2HTTPResponse response(int status, String body, Map<String, String> extra) {
        Map<String, String> headers = new HashMap<>(extra);
        headers.put("Content-Type", "application/json");
        headers.put("Cache-Control", "no-store");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body).build();
    }

    /** The API Gateway request id of the event (what the error body quotes), or "" when absent. */
    public static String requestId(APIGatewayV2HTTPEvent event) {
        if (event == null || event.getRequestContext() == null || event.getRequestContext().getRequestId() == null) {
            return "";
        }
        return event.getRequestContext().getRequestId();
    }
}
