package io.pyairtable.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code Parameters} section with values from overrides (like {@code sam --parameter-overrides}) or their
 * {@code Default}. {@code AllowedValues} and {@code AllowedPattern} are enforced; list types become lists.
 */
final class TemplateParameters {
    private static final Set<String> SCALAR_TYPES = Set.of("String", "Number");
    private static final Set<String> LIST_TYPES = Set.of("CommaDelimitedList", "List<Number>", "List<String>");

    private TemplateParameters() {
    }

    /** Parameter name to value: a String, or a List of Strings for list types. */
    static Map<String, Object> resolve(Object section, Map<String, String> overrides) {
        PropertyReader parameters = PropertyReader.of("Parameters", section);
        Set<String> unknown = new TreeSet<>(overrides.keySet());
        unknown.removeAll(parameters.values().keySet());
        if (!unknown.isEmpty()) {
            throw new TemplateException("Parameters", "overrides for parameters the template does not declare: " + unknown);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : parameters.values().keySet()) {
            PropertyReader parameter = parameters.map(name);
            String type = parameter.string("Type");
            String value = overrides.containsKey(name) ? overrides.get(name) : parameter.optionalString("Default");
            if (value == null) {
                throw new TemplateException(parameter.path(), "has no Default and no override value");
            }
            List<String> allowed = parameter.stringList("AllowedValues");
            if (!allowed.isEmpty() && !allowed.contains(value)) {
                throw new TemplateException(parameter.path(), "value '" + value + "' is not one of " + allowed);
            }
            String pattern = parameter.optionalString("AllowedPattern");
            if (pattern != null && !Pattern.compile(pattern).matcher(value).matches()) {
                throw new TemplateException(parameter.path(), "value '" + value + "' does not match " + pattern);
            }
            if (SCALAR_TYPES.contains(type)) {
                values.put(name, value);
            } else if (LIST_TYPES.contains(type)) {
                List<String> items = new ArrayList<>();
                for (String item : value.split(",", -1)) {
                    items.add(item.trim());
                }
                values.put(name, items);
            } else {
                throw new TemplateException(parameter.pathOf("Type"), "parameter type " + type
                        + " is not supported locally (use String, Number, CommaDelimitedList or List<Number>)");
            }
        }
        return values;
    }
}
