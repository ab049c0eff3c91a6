package io.pyairtable.functions.core;

import java.util.Map;

/** A function's configuration: its environment ({@code System.getenv()} in AWS, the template's map locally). */
public final class Env {
    private final Map<String, String> values;

    public Env(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** A variable the template must set; a missing one is a deployment bug, reported at cold start. */
    public String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }

    public String optional(String name, String fallback) {
        String value = values.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public boolean has(String name) {
        String value = values.get(name);
        return value != null && !value.isBlank();
    }

    public Map<String, String> asMap() {
        return values;
    }
}
