package io.pyairtable.local.httpapi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as the gateway sees it.
 *
 * @param method upper-case method
 * @param rawPath path as received (percent-encoded)
 * @param rawQuery query string as received, empty when none
 * @param headers header names in lower case, each with its values in arrival order
 * @param body request body, empty when none
 * @param sourceIp client address
 * @param protocol for example {@code HTTP/1.1}
 */
record IncomingRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
        String sourceIp, String protocol, int localPort) {
    /** The header's values comma-joined (as API Gateway passes repeated headers), or empty. */
    Optional<String> header(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(String.join(",", values));
    }

    /** Host name without port, as API Gateway's domainName. */
    String domainName() {
        String host = header("host").orElse("localhost");
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(0, end + 1) : host;
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
