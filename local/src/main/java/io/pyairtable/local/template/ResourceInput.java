package io.pyairtable.local.template;

import java.util.Map;

/**
 * What a resource reader gets: the resource's logical id, its properties as written (Globals merged in) and the
 * resolved supported properties.
 */
record ResourceInput(String logicalId, Map<String, Object> rawProperties, PropertyReader properties) {
    String path() {
        return properties.path();
    }
}
