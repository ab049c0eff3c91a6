package io.pyairtable.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decoded query string parameters in their original order; names may repeat
 * ({@code records[]=a&records[]=b}). {@code fields%5B%5D} decodes to {@code fields[]}.
 */
final class QueryParameters {

    private final List<Map.Entry<String, String>> entries;

    private QueryParameters(List<Map.Entry<String, String>> entries) {
        this.entries = entries;
    }

    static QueryParameters parse(String rawQuery) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                entries.add(new AbstractMap.SimpleImmutableEntry<>(decode(name), decode(value)));
            }
        }
        return new QueryParameters(List.copyOf(entries));
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw AirtableErrors.invalidRequest("Malformed query string");
        }
    }

    List<Map.Entry<String, String>> entries() {
        return entries;
    }

    /** The first value of a parameter, or {@code null}. */
    String first(String name) {
        return entries.stream().filter(entry -> entry.getKey().equals(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    List<String> all(String name) {
        return entries.stream().filter(entry -> entry.getKey().equals(name)).map(Map.Entry::getValue).toList();
    }
}
