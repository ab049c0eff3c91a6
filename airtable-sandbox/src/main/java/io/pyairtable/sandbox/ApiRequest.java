package io.pyairtable.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An incoming HTTP request, already read: method (upper case), the raw path (as sent, without the
 * query string), its percent-decoded segments, query parameters, the {@code Authorization} header and
 * the body.
 */
record ApiRequest(String method, String rawPath, List<String> segments, QueryParameters query, String authorization,
        byte[] body) {

    /** Splits a raw path like {@code /v0/app1/My%20Table} into decoded segments. */
    static List<String> pathSegments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                try {
                    segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException malformed) {
                    throw AirtableErrors.notFound();
                }
            }
        }
        return List.copyOf(segments);
    }
}
