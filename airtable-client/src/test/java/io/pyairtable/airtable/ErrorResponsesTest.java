package io.pyairtable.airtable;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

    @Test
    void parsesTheObjectShape() {
        AirtableException e = ErrorResponses.toException(422,
                "{\"error\":{\"type\":\"UNKNOWN_FIELD_NAME\",\"message\":\"Unknown field name: \\\"Foo\\\"\"}}", "POST /v0/x");
        assertThat(e).isInstanceOf(AirtableException.InvalidRequest.class);
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.type()).isEqualTo("UNKNOWN_FIELD_NAME");
        assertThat(e.airtableMessage()).isEqualTo("Unknown field name: \"Foo\"");
        assertThat(e.getMessage()).contains("422", "UNKNOWN_FIELD_NAME", "POST /v0/x");
    }

    @Test
    void parsesTheStringShape() {
        AirtableException e = ErrorResponses.toException(404, "{\"error\":\"NOT_FOUND\"}", "GET /v0/x");
        assertThat(e).isInstanceOf(AirtableException.NotFound.class);
        assertThat(e.type()).isEqualTo("NOT_FOUND");
    }

    @Test
    void parsesTheErrorsArrayShape() {
        AirtableException e = ErrorResponses.toException(429,
                "{\"errors\":[{\"error\":\"RATE_LIMIT_REACHED\",\"message\":\"Rate limit exceeded. Please try again later\"}]}",
                "GET /v0/x");
        assertThat(e).isInstanceOf(AirtableException.RateLimited.class);
        assertThat(e.type()).isEqualTo("RATE_LIMIT_REACHED");
        assertThat(e.airtableMessage()).isEqualTo("Rate limit exceeded. Please try again later");
    }

    @Test
    void keepsEveryMessageOfSeveralErrors() {
        AirtableException e = ErrorResponses.toException(422,
                "{\"errors\":[{\"error\":\"A\",\"message\":\"first\"},{\"error\":\"B\",\"message\":\"second\"}]}", null);
        assertThat(e.type()).isEqualTo("A");
        assertThat(e.airtableMessage()).isEqualTo("first; second");
    }

    @Test
    void toleratesBodiesThatAreNotAirtableErrors() {
        AirtableException html = ErrorResponses.toException(502, "<html><body>Bad gateway</body></html>", null);
        assertThat(html).isInstanceOf(AirtableException.ServerError.class);
        assertThat(html.type()).isEqualTo("HTTP_502");
        assertThat(html.airtableMessage()).contains("Bad gateway");

        assertThat(ErrorResponses.toException(500, "", null).type()).isEqualTo("HTTP_500");
        assertThat(ErrorResponses.toException(500, null, null).airtableMessage()).isEqualTo("empty response body");
        assertThat(ErrorResponses.toException(400, "[1,2]", null).type()).isEqualTo("HTTP_400");
        assertThat(ErrorResponses.toException(418, "{}", null)).isExactlyInstanceOf(AirtableException.class);
    }

    @Test
    void mapsStatusesToTypes() {
        assertThat(ErrorResponses.toException(401, "{\"error\":{\"type\":\"AUTHENTICATION_REQUIRED\",\"message\":\"x\"}}", null))
                .isInstanceOf(AirtableException.Authentication.class);
        assertThat(ErrorResponses.toException(403, "{\"error\":{\"type\":\"INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND\",\"message\":\"x\"}}", null))
                .isInstanceOf(AirtableException.Permission.class);
        assertThat(ErrorResponses.toException(413, "{\"error\":{\"type\":\"REQUEST_TOO_LARGE\",\"message\":\"x\"}}", null))
                .isInstanceOf(AirtableException.InvalidRequest.class);
        assertThat(ErrorResponses.toException(503, "{\"error\":{\"type\":\"SERVICE_UNAVAILABLE\",\"message\":\"x\"}}", null))
                .isInstanceOf(AirtableException.ServerError.class);
    }

    @Test
    void truncatesLongBodies() {
        String huge = "x".repeat(10_000);
        assertThat(ErrorResponses.toException(500, huge, null).airtableMessage()).hasSizeLessThan(210);
    }
}
