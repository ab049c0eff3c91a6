package io.pyairtable.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, path-aware access to a mapping of the template. Every error names the full property path.
 */
final class PropertyReader {
    private final String path;
    private final Map<String, Object> values;

    PropertyReader(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values == null ? Map.of() : values;
    }

    @SuppressWarnings("unchecked")
    static PropertyReader of(String path, Object value) {
        if (value != null && !(value instanceof Map)) {
            throw new TemplateException(path, "expected a mapping, got " + IntrinsicResolver.describe(value));
        }
        return new PropertyReader(path, (Map<String, Object>) value);
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return path + "." + key;
    }

    Map<String, Object> values() {
        return values;
    }

    boolean has(String key) {
        return values.get(key) != null;
    }

    Object raw(String key) {
        return values.get(key);
    }

    /**
     * Fails on any key that is neither {@code supported} nor {@code ignoredLocally}: a property we do not understand
     * could change behaviour, so it must not be silently dropped.
     */
    void requireKnownKeys(Set<String> supported, Set<String> ignoredLocally) {
        Set<String> unknown = new TreeSet<>();
        for (String key : values.keySet()) {
            if (!supported.contains(key) && !ignoredLocally.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new TemplateException(path + "." + unknown.iterator().next(), "unsupported propert"
                    + (unknown.size() == 1 ? "y " : "ies ") + unknown + " (the local cloud supports " + new TreeSet<>(supported)
                    + (ignoredLocally.isEmpty() ? "" : "; ignores " + new TreeSet<>(ignoredLocally)) + ")");
        }
    }

    String string(String key) {
        String value = optionalString(key);
        if (value == null) {
            throw new TemplateException(pathOf(key), "is required");
        }
        return value;
    }

    String optionalString(String key) {
        Object value = values.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new TemplateException(pathOf(key), "expected a string, got " + IntrinsicResolver.describe(value));
    }

    String string(String key, String defaultValue) {
        String value = optionalString(key);
        return value == null ? defaultValue : value;
    }

    int integer(String key, int defaultValue) {
        Integer value = optionalInteger(key);
        return value == null ? defaultValue : value;
    }

    Integer optionalInteger(String key) {
        Object value = values.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer number) {
            return number;
        }
        try {
            return Integer.valueOf(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new TemplateException(pathOf(key), "expected a whole number, got " + value);
        }
    }

    boolean bool(String key, boolean defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        String text = String.valueOf(value);
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new TemplateException(pathOf(key), "expected true or false, got " + value);
    }

    PropertyReader map(String key) {
        return of(pathOf(key), values.get(key));
    }

    List<Object> list(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new TemplateException(pathOf(key), "expected a list, got " + IntrinsicResolver.describe(value));
        }
        return new ArrayList<>(list);
    }

    /** A list of strings; a single string counts as a one-element list (as several AWS properties allow). */
    List<String> stringList(String key) {
        Object value = values.get(key);
        if (value instanceof String text) {
            return List.of(text);
        }
        List<String> result = new ArrayList<>();
        List<Object> items = list(key);
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (!(item instanceof String || item instanceof Number || item instanceof Boolean)) {
                throw new TemplateException(pathOf(key) + "[" + i + "]", "expected a string, got "
                        + IntrinsicResolver.describe(item));
            }
            result.add(String.valueOf(item));
        }
        return result;
    }

    List<PropertyReader> mapList(String key) {
        List<PropertyReader> result = new ArrayList<>();
        List<Object> items = list(key);
        for (int i = 0; i < items.size(); i++) {
            result.add(of(pathOf(key) + "[" + i + "]", items.get(i)));
        }
        return result;
    }

    /** A mapping whose values are scalars, as strings (environment variables, substitutions, stage variables). */
    Map<String, String> stringMap(String key) {
        Map<String, String> result = new LinkedHashMap<>();
        PropertyReader map = map(key);
        for (String name : map.values.keySet()) {
            String value = map.optionalString(name);
            result.put(name, value == null ? "" : value);
        }
        return result;
    }
}
