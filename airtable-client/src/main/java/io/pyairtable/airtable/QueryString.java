package io.pyairtable.airtable;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An ordered list of query parameters (keys may repeat), percent-encoded. */
final class QueryString {
    private final List<String> pairs = new ArrayList<>();

    QueryString add(String key, String value) {
        pairs.add(encode(key) + "=" + encode(value));
        return this;
    }

    boolean isEmpty() {
        return pairs.isEmpty();
    }

    /** {@code ?a=1&b=2}, or the empty string. */
    @Override
    public String toString() {
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    /** Percent-encoding for a query component or a path segment (space as %20, never '+'). */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
