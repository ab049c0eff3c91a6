package io.pyairtable.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SAM's {@code Globals} merge: a resource's own value wins for scalars, mappings are merged key by key (so
 * {@code Environment.Variables} combine, the resource winning per key), and lists are concatenated (globals first).
 * An intrinsic function counts as a scalar.
 */
final class SamGlobals {
    static final Set<String> SUPPORTED_SECTIONS = Set.of("Function", "HttpApi");

    private SamGlobals() {
    }

    static Object merge(Object global, Object local) {
        if (global == null) {
            return local;
        }
        if (local == null) {
            return global;
        }
        if (global instanceof Map<?, ?> globalMap && local instanceof Map<?, ?> localMap
                && !IntrinsicResolver.isIntrinsic(global) && !IntrinsicResolver.isIntrinsic(local)) {
            Map<String, Object> merged = new LinkedHashMap<>();
            globalMap.forEach((key, value) -> merged.put(String.valueOf(key), value));
            localMap.forEach((key, value) -> merged.merge(String.valueOf(key), value, SamGlobals::merge));
            return merged;
        }
        if (global instanceof List<?> globalList && local instanceof List<?> localList) {
            List<Object> merged = new ArrayList<>(globalList);
            merged.addAll(localList);
            return merged;
        }
        return local;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mergeProperties(Map<String, Object> globals, Map<String, Object> properties) {
        return (Map<String, Object>) merge(globals == null ? Map.of() : globals, properties == null ? Map.of() : properties);
    }
}
