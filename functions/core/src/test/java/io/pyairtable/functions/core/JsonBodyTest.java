package io.pyairtable.functions.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JsonBodyTest {
    static APIGatewayV2HTTPEvent text(String body) {
        return APIGatewayV2HTTPEvent.builder().withBody(body).withIsBase64Encoded(false).build();
    }

    static APIGatewayV2HTTPEvent binary(byte[] body) {
        return APIGatewayV2HTTPEvent.builder().withBody(Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(true).build();
    }

    static String code(Runnable action) {
        try {
            action.run();
        } catch (ApiError e) {
            return e.status() + " " + e.code();
        }
        return "ok";
    }

    @Test
    void parsesObjectsAndTypedFields() {
        JsonBody body = JsonBody.parse(text("{\"email\":\"a@b.co\",\"n\":1}"));
        assertThat(body.requiredString("email", 100)).isEqualTo("a@b.co");
        assertThat(code(() -> body.requiredString("n", 100))).isEqualTo("400 VALIDATION_FAILED");
        assertThat(code(() -> body.requiredString("missing", 100))).isEqualTo("400 VALIDATION_FAILED");
        assertThat(code(() -> body.requiredString("email", 3))).isEqualTo("400 VALIDATION_FAILED");
        assertThat(code(() -> JsonBody.parse(text("{\"e\":\"\"}")).requiredString("e", 3)))
                .isEqualTo("400 VALIDATION_FAILED");
        assertThat(code(() -> JsonBody.parse(text("{\"e\":\"a\\u0000b\"}")).requiredString("e", 9)))
                .isEqualTo("400 VALIDATION_FAILED");
        assertThat(JsonBody.parse(binary("{\"e\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8)))
                .requiredString("e", 5)).isEqualTo("\u00e9");
    }

    @Test
    void badJsonIs400InvalidJson() {
        for (String bad : new String[] {"", "{", "[]", "1", "\"s\"", "null", "{\"a\":1,\"a\":2}", "{a:1}", "{'a':1}"}) {
            assertThat(code(() -> JsonBody.parse(text(bad)))).as(bad).isEqualTo("400 INVALID_JSON");
        }
        assertThat(code(() -> JsonBody.parse(null))).isEqualTo("400 INVALID_JSON");
    }

    @Test
    void largeBodiesAre413AtTheLimitInBytes() {
        String exactly = "{\"a\":\"" + "x".repeat(JsonBody.DEFAULT_LIMIT_BYTES - 8) + "\"}";
        assertThat(exactly.length()).isEqualTo(JsonBody.DEFAULT_LIMIT_BYTES);
        assertThat(code(() -> JsonBody.parse(text(exactly)))).isEqualTo("ok");
        assertThat(code(() -> JsonBody.parse(text(exactly + " ")))).isEqualTo("413 PAYLOAD_TOO_LARGE");
        String multiByte = "{\"a\":\"" + "\u00e9".repeat(JsonBody.DEFAULT_LIMIT_BYTES / 2) + "\"}";
        assertThat(code(() -> JsonBody.parse(text(multiByte)))).isEqualTo("413 PAYLOAD_TOO_LARGE");
        assertThat(code(() -> JsonBody.parse(binary(new byte[JsonBody.DEFAULT_LIMIT_BYTES + 1]))))
                .isEqualTo("413 PAYLOAD_TOO_LARGE");
    }

    @Test
    void invalidUtf8Is400InvalidEncoding() {
        byte[] invalid = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(code(() -> JsonBody.parse(binary(invalid)))).isEqualTo("400 INVALID_ENCODING");
        assertThat(code(() -> JsonBody.parse(text(new String(invalid, StandardCharsets.UTF_8)))))
                .isEqualTo("400 INVALID_ENCODING");
        assertThat(code(() -> JsonBody.parse(text("{\"a\":\"\uD800\"}")))).isEqualTo("400 INVALID_ENCODING");
        APIGatewayV2HTTPEvent notBase64 = APIGatewayV2HTTPEvent.builder().withBody("%%%").withIsBase64Encoded(true)
                .build();
        assertThat(code(() -> JsonBody.parse(notBase64))).isEqualTo("400 INVALID_ENCODING");
    }

    @Test
    void errorsRenderAsTheOneJsonShape() {
        var response = ApiResponses.error(ApiError.tooManyRequests("Slow down.", 42), "req-1");
        assertThat(response.getStatusCode()).isEqualTo(429);
        assertThat(response.getBody()).isEqualTo(
                "{\"error\":{\"code\":\"TOO_MANY_REQUESTS\",\"message\":\"Slow down.\",\"requestId\":\"req-1\"}}");
        assertThat(response.getHeaders()).containsEntry("Retry-After", "42")
                .containsEntry("Content-Type", "application/json");
        assertThat(ApiResponses.internalError(null).getBody()).contains("\"INTERNAL_ERROR\"", "\"requestId\":\"\"");
    }
}
