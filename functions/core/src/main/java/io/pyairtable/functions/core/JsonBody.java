package io.pyairtable.functions.core;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A request body parsed as one JSON object, with every bad input turned into a 4xx {@link ApiError}: larger than the
 * limit → 413 {@code PAYLOAD_TOO_LARGE}; not UTF-8 → 400 {@code INVALID_ENCODING}; not JSON, duplicate keys or not an
 * object → 400 {@code INVALID_JSON}; a missing or mistyped field → 400 {@code VALIDATION_FAILED}.
 *
 * <p>API Gateway hands text bodies (JSON content types) over as decoded strings; bytes that were not UTF-8 arrive as
 * U+FFFD, so that character is treated as proof of an invalid encoding. Bodies without a text content type arrive
 * base64-encoded and are decoded strictly.
 */
public final class JsonBody {
    public static final int DEFAULT_LIMIT_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    public static JsonBody parse(APIGatewayV2HTTPEvent event) {
        return parse(event, DEFAULT_LIMIT_BYTES);
    }

    public static JsonBody parse(APIGatewayV2HTTPEvent event, int limitBytes) {
        String body = event == null ? null : event.getBody();
        if (body == null || body.isEmpty()) {
            throw ApiError.invalidJson("The request body must be a JSON object.");
        }
        String text;
        if (event.getIsBase64Encoded()) {
            if (body.length() > (limitBytes / 3 + 1) * 4 + 4) {
                throw ApiError.payloadTooLarge(limitBytes);
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "INVALID_ENCODING", "The request body is not valid base64.");
            }
            if (bytes.length > limitBytes) {
                throw ApiError.payloadTooLarge(limitBytes);
            }
            text = strictUtf8(bytes);
        } else {
            if (body.length() > limitBytes || utf8Length(body) > limitBytes) {
                throw ApiError.payloadTooLarge(limitBytes);
            }
            text = body;
        }
        if (text.indexOf('\uFFFD') >= 0 || hasLoneSurrogate(text)) {
            throw invalidEncoding();
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiError.invalidJson("The request body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw ApiError.invalidJson("The request body must be a JSON object.");
        }
        return new JsonBody(root);
    }

    /** A required string field, trimmed of nothing, between 1 and {@code maxLength} characters. */
    public String requiredString(String field, int maxLength) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            throw ApiError.validation("The field '" + field + "' is required.");
        }
        if (!value.isTextual()) {
            throw ApiError.validation("The field '" + field + "' must be a string.");
        }
        String text = value.textValue();
        if (text.isEmpty()) {
            throw ApiError.validation("The field '" + field + "' must not be empty.");
        }
        if (text.length() > maxLength) {
            throw ApiError.validation("The field '" + field + "' must be at most " + maxLength + " characters.");
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == 0) {
                throw ApiError.validation("The field '" + field + "' must not contain NUL characters.");
            }
        }
        return text;
    }

    public JsonNode root() {
        return root;
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw invalidEncoding();
        }
    }

    private static ApiError invalidEncoding() {
        return new ApiError(400, "INVALID_ENCODING", "The request body is not valid UTF-8.");
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static long utf8Length(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
