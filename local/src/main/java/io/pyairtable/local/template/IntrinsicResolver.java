package io.pyairtable.local.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates CloudFormation intrinsic functions over a parsed template value, producing plain values (strings, numbers,
 * booleans, lists, maps). Supported: {@code Ref}, {@code Fn::Sub}, {@code Fn::GetAtt}, {@code Fn::Join},
 * {@code Fn::Select}, {@code Fn::Split}, {@code Fn::If} (with {@code Conditions} using {@code Fn::Equals},
 * {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or}, {@code Condition}), {@code Fn::FindInMap}, {@code Fn::Base64},
 * {@code Fn::GetAZs}, the pseudo parameters and {@code AWS::NoValue}. Anything else, and {@code Fn::ImportValue}
 * (there are no other stacks locally), is a {@link TemplateException} naming the property path.
 */
final class IntrinsicResolver {
    /** Marks a value that {@code AWS::NoValue} removed; never escapes {@link #resolve}. */
    private static final Object NO_VALUE = new Object();
    private static final Set<String> CONDITION_FUNCTIONS = Set.of("Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Condition");

    private final Map<String, Object> parameters;
    private final Map<String, Object> mappings;
    private final Map<String, Object> conditionDefinitions;
    private final LocalNames names;
    private final ResourceReferences resources;
    private final Map<String, Boolean> conditionValues = new HashMap<>();
    private final Set<String> conditionsInProgress = new HashSet<>();

    IntrinsicResolver(Map<String, Object> parameters, Map<String, Object> mappings, Map<String, Object> conditions,
            LocalNames names, ResourceReferences resources) {
        this.parameters = parameters;
        this.mappings = mappings;
        this.conditionDefinitions = conditions;
        this.names = names;
        this.resources = resources;
    }

    /** Resolves {@code value} found at {@code path}; a value removed by {@code AWS::NoValue} resolves to null. */
    Object resolve(Object value, String path) {
        Object resolved = resolveValue(value, path);
        return resolved == NO_VALUE ? null : resolved;
    }

    /** Value of the named condition of the {@code Conditions} section. */
    boolean condition(String name, String path) {
        Boolean known = conditionValues.get(name);
        if (known != null) {
            return known;
        }
        Object definition = conditionDefinitions.get(name);
        if (definition == null) {
            throw new TemplateException(path, "unknown condition " + name);
        }
        if (!conditionsInProgress.add(name)) {
            throw new TemplateException("Conditions." + name, "condition refers to itself");
        }
        try {
            boolean value = evaluateCondition(definition, "Conditions." + name);
            conditionValues.put(name, value);
            return value;
        } finally {
            conditionsInProgress.remove(name);
        }
    }

    /** Whether {@code value} is an intrinsic function call ({@code {"Ref": ...}} or {@code {"Fn::X": ...}}). */
    static boolean isIntrinsic(Object value) {
        if (!(value instanceof Map<?, ?> map) || map.size() != 1) {
            return false;
        }
        String key = String.valueOf(map.keySet().iterator().next());
        return key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition");
    }

    private Object resolveValue(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    return function(key, map.values().iterator().next(), path);
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                Object resolved = resolveValue(entry.getValue(), path + "." + key);
                if (resolved != NO_VALUE) {
                    result.put(key, resolved);
                }
            }
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                Object resolved = resolveValue(list.get(i), path + "[" + i + "]");
                if (resolved != NO_VALUE) {
                    result.add(resolved);
                }
            }
            return result;
        }
        return value;
    }

    private Object function(String name, Object argument, String path) {
        String at = path + "." + name;
        switch (name) {
            case "Ref":
                return ref(stringArgument(argument, at, name), at);
            case "Fn::Sub":
                return sub(argument, at);
            case "Fn::GetAtt":
                return getAtt(argument, at);
            case "Fn::Join":
                return join(argument, at);
            case "Fn::Select":
                return select(argument, at);
            case "Fn::Split":
                return split(argument, at);
            case "Fn::If":
                return fnIf(argument, at);
            case "Fn::FindInMap":
                return findInMap(argument, at);
            case "Fn::Base64":
                return Base64.getEncoder().encodeToString(
                        text(resolveValue(argument, at), at).getBytes(StandardCharsets.UTF_8));
            case "Fn::GetAZs":
                return List.of(LocalNames.REGION + "a", LocalNames.REGION + "b", LocalNames.REGION + "c");
            case "Fn::ImportValue":
                throw new TemplateException(at, "Fn::ImportValue is not supported locally: the local cloud runs one"
                        + " stack, there are no other stacks' exports to import");
            default:
                if (CONDITION_FUNCTIONS.contains(name)) {
                    throw new TemplateException(at, name + " is only allowed in Conditions (use it through Fn::If)");
                }
                throw new TemplateException(at, "unsupported intrinsic function " + name);
        }
    }

    private Object ref(String name, String path) {
        switch (name) {
            case "AWS::Region":
                return LocalNames.REGION;
            case "AWS::AccountId":
                return LocalNames.ACCOUNT_ID;
            case "AWS::StackName":
                return names.stackName();
            case "AWS::StackId":
                return names.stackId();
            case "AWS::Partition":
                return LocalNames.PARTITION;
            case "AWS::URLSuffix":
                return LocalNames.URL_SUFFIX;
            case "AWS::NotificationARNs":
                return List.of();
            case "AWS::NoValue":
                return NO_VALUE;
            default:
                break;
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (resources.exists(name)) {
            return resources.ref(name, path);
        }
        if (name.endsWith(".Alias") && resources.exists(name.substring(0, name.length() - ".Alias".length()))) {
            return resources.aliasRef(name.substring(0, name.length() - ".Alias".length()), path);
        }
        throw new TemplateException(path, "Ref to " + name + ", which is neither a parameter nor a resource");
    }

    private Object getAtt(Object argument, String path) {
        List<?> parts = listArgument(argument, path, "Fn::GetAtt", 2);
        String logicalId = text(parts.get(0), path);
        String attribute = text(resolveValue(parts.get(1), path), path);
        if (!resources.exists(logicalId)) {
            throw new TemplateException(path, "Fn::GetAtt of " + logicalId + ", which is not a resource");
        }
        return resources.getAtt(logicalId, attribute, path);
    }

    private Object sub(Object argument, String path) {
        String template;
        Map<String, Object> variables = new HashMap<>();
        if (argument instanceof String text) {
            template = text;
        } else if (argument instanceof List<?> list && list.size() == 2 && list.get(0) instanceof String text
                && list.get(1) instanceof Map<?, ?> vars) {
            template = text;
            for (Map.Entry<?, ?> entry : vars.entrySet()) {
                String key = String.valueOf(entry.getKey());
                variables.put(key, resolveValue(entry.getValue(), path + "[1]." + key));
            }
        } else {
            throw new TemplateException(path, "Fn::Sub takes a string or [string, {variables}]");
        }
        return substitute(template, variables, path);
    }

    private String substitute(String template, Map<String, Object> variables, String path) {
        StringBuilder out = new StringBuilder(template.length());
        int at = 0;
        while (at < template.length()) {
            int start = template.indexOf("${", at);
            if (start < 0) {
                out.append(template, at, template.length());
                break;
            }
            out.append(template, at, start);
            int end = template.indexOf('}', start);
            if (end < 0) {
                throw new TemplateException(path, "unterminated ${ in Fn::Sub string: " + template);
            }
            String expression = template.substring(start + 2, end).trim();
            if (expression.startsWith("!")) {
                out.append("${").append(expression.substring(1)).append('}');
            } else {
                out.append(text(subVariable(expression, variables, path), path));
            }
            at = end + 1;
        }
        return out.toString();
    }

    private Object subVariable(String expression, Map<String, Object> variables, String path) {
        if (variables.containsKey(expression)) {
            return variables.get(expression);
        }
        int dot = expression.indexOf('.');
        if (dot > 0 && !expression.startsWith("AWS::")) {
            String logicalId = expression.substring(0, dot);
            if (!resources.exists(logicalId)) {
                throw new TemplateException(path, "Fn::Sub refers to ${" + expression + "} but " + logicalId
                        + " is not a resource");
            }
            return resources.getAtt(logicalId, expression.substring(dot + 1), path);
        }
        Object value = ref(expression, path);
        if (value == NO_VALUE) {
            throw new TemplateException(path, "AWS::NoValue cannot be used inside Fn::Sub");
        }
        return value;
    }

    private Object join(Object argument, String path) {
        List<?> parts = listArgument(argument, path, "Fn::Join", 2);
        String delimiter = text(parts.get(0), path);
        Object values = resolveValue(parts.get(1), path + "[1]");
        if (!(values instanceof List<?> list)) {
            throw new TemplateException(path, "Fn::Join needs a list of values");
        }
        List<String> texts = new ArrayList<>();
        for (Object item : list) {
            texts.add(text(item, path));
        }
        return String.join(delimiter, texts);
    }

    private Object select(Object argument, String path) {
        List<?> parts = listArgument(argument, path, "Fn::Select", 2);
        int index;
        try {
            index = Integer.parseInt(text(resolveValue(parts.get(0), path + "[0]"), path));
        } catch (NumberFormatException e) {
            throw new TemplateException(path, "Fn::Select index must be a number");
        }
        Object values = resolveValue(parts.get(1), path + "[1]");
        if (!(values instanceof List<?> list) || index < 0 || index >= list.size()) {
            throw new TemplateException(path, "Fn::Select index " + index + " is outside the list");
        }
        return list.get(index);
    }

    private Object split(Object argument, String path) {
        List<?> parts = listArgument(argument, path, "Fn::Split", 2);
        String delimiter = text(parts.get(0), path);
        String source = text(resolveValue(parts.get(1), path + "[1]"), path);
        List<String> result = new ArrayList<>();
        int at = 0;
        while (true) {
            int next = source.indexOf(delimiter, at);
            if (next < 0 || delimiter.isEmpty()) {
                result.add(source.substring(at));
                return result;
            }
            result.add(source.substring(at, next));
            at = next + delimiter.length();
        }
    }

    private Object fnIf(Object argument, String path) {
        List<?> parts = listArgument(argument, path, "Fn::If", 3);
        String condition = text(parts.get(0), path);
        return condition(condition, path) ? resolveValue(parts.get(1), path + "[1]") : resolveValue(parts.get(2), path + "[2]");
    }

    private Object findInMap(Object argument, String path) {
        List<?> parts = listArgument(argument, path, "Fn::FindInMap", 3);
        String mapName = text(resolveValue(parts.get(0), path + "[0]"), path);
        String topKey = text(resolveValue(parts.get(1), path + "[1]"), path);
        String secondKey = text(resolveValue(parts.get(2), path + "[2]"), path);
        if (!(mappings.get(mapName) instanceof Map<?, ?> map)) {
            throw new TemplateException(path, "Fn::FindInMap: no mapping named " + mapName);
        }
        if (!(map.get(topKey) instanceof Map<?, ?> second) || !second.containsKey(secondKey)) {
            throw new TemplateException(path, "Fn::FindInMap: mapping " + mapName + " has no " + topKey + "." + secondKey);
        }
        return resolveValue(second.get(secondKey), path);
    }

    private boolean evaluateCondition(Object expression, String path) {
        if (expression instanceof Boolean bool) {
            return bool;
        }
        if (!(expression instanceof Map<?, ?> map) || map.size() != 1) {
            throw new TemplateException(path, "a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition");
        }
        String name = String.valueOf(map.keySet().iterator().next());
        Object argument = map.values().iterator().next();
        String at = path + "." + name;
        switch (name) {
            case "Fn::Equals": {
                List<?> parts = listArgument(argument, at, name, 2);
                return text(resolve(parts.get(0), at + "[0]"), at).equals(text(resolve(parts.get(1), at + "[1]"), at));
            }
            case "Fn::Not":
                return !evaluateCondition(listArgument(argument, at, name, 1).get(0), at + "[0]");
            case "Fn::And":
            case "Fn::Or": {
                if (!(argument instanceof List<?> list) || list.size() < 2 || list.size() > 10) {
                    throw new TemplateException(at, name + " takes 2 to 10 conditions");
                }
                boolean and = name.equals("Fn::And");
                for (int i = 0; i < list.size(); i++) {
                    boolean value = evaluateCondition(list.get(i), at + "[" + i + "]");
                    if (value != and) {
                        return value;
                    }
                }
                return and;
            }
            case "Condition":
                return condition(stringArgument(argument, at, name), at);
            default:
                throw new TemplateException(at, "unsupported function in a condition: " + name);
        }
    }

    private static List<?> listArgument(Object argument, String path, String function, int size) {
        if (!(argument instanceof List<?> list) || list.size() != size) {
            throw new TemplateException(path, function + " takes a list of " + size + " values");
        }
        return list;
    }

    private static String stringArgument(Object argument, String path, String function) {
        if (!(argument instanceof String text)) {
            throw new TemplateException(path, function + " takes a string");
        }
        return text;
    }

    /** A scalar as text, as CloudFormation does when a number or boolean ends up in a string. */
    private static String text(Object value, String path) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new TemplateException(path, "expected a string, got " + describe(value));
    }

    static String describe(Object value) {
        if (value == null || value == NO_VALUE) {
            return "nothing";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        return value.getClass().getSimpleName();
    }
}
