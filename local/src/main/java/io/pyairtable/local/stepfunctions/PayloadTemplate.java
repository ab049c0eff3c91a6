package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Payload Template ({@code Parameters}, {@code ItemSelector}, {@code ResultSelector}), compiled at load time.
 * A field whose name ends in {@code .$}, however deeply nested (also inside arrays), is replaced by a field without
 * the suffix whose value is a Path against the input ({@code $...}), a Path against the context object
 * ({@code $$...}) or an intrinsic function ({@code States....}). Other values are copied as they are.
 *
 * <p>A path matching nothing fails with {@code States.ParameterPathFailure} (spec), an intrinsic with
 * {@code States.IntrinsicFailure}.
 */
final class PayloadTemplate {
    private final Node root;

    private PayloadTemplate(Node root) {
        this.root = root;
    }

    /** @throws DefinitionException naming {@code where} when the template is malformed */
    static PayloadTemplate compile(JsonNode template, String where) {
        if (!template.isObject()) {
            throw new DefinitionException(where + " must be a JSON object");
        }
        return new PayloadTemplate(compileNode(template, where));
    }

    /** The template applied to {@code scope}: a fresh JSON tree (constant parts are shared, never mutate it). */
    JsonNode evaluate(DataScope scope) {
        return root.evaluate(scope);
    }

    /** The template's field names with the {@code .$} suffix removed (for validating integration parameters). */
    Set<String> topLevelFieldNames() {
        Set<String> names = new HashSet<>();
        if (root instanceof ObjectTemplate object) {
            object.fields.forEach(f -> names.add(f.name));
        } else if (root instanceof Constant constant) {
            constant.value.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    private static Node compileNode(JsonNode template, String where) {
        if (template.isObject()) {
            List<FieldTemplate> fields = new ArrayList<>();
            Set<String> names = new HashSet<>();
            boolean dynamic = false;
            for (Map.Entry<String, JsonNode> entry : template.properties()) {
                String key = entry.getKey();
                Node value;
                String name;
                if (key.endsWith(".$")) {
                    name = key.substring(0, key.length() - 2);
                    value = compileDynamic(key, entry.getValue(), where);
                    dynamic = true;
                } else {
                    name = key;
                    value = compileNode(entry.getValue(), where);
                    dynamic |= !(value instanceof Constant);
                }
                if (!names.add(name)) {
                    throw new DefinitionException(where + ": field '" + name + "' appears twice (with and without '.$')");
                }
                fields.add(new FieldTemplate(name, value));
            }
            return dynamic ? new ObjectTemplate(fields) : new Constant(template);
        }
        if (template.isArray()) {
            List<Node> elements = new ArrayList<>();
            boolean dynamic = false;
            for (JsonNode element : template) {
                Node node = compileNode(element, where);
                dynamic |= !(node instanceof Constant);
                elements.add(node);
            }
            return dynamic ? new ArrayTemplate(elements) : new Constant(template);
        }
        return new Constant(template);
    }

    private static Node compileDynamic(String key, JsonNode value, String where) {
        if (!value.isTextual()) {
            throw new DefinitionException(where + ": the value of '" + key + "' must be a string (a Path or an intrinsic function)");
        }
        String text = value.asText();
        try {
            if (text.startsWith("$")) {
                return new PathValue(key, JsonPath.parse(text));
            }
            if (text.startsWith("States.")) {
                return new IntrinsicValue(IntrinsicParser.parse(text));
            }
        } catch (IllegalArgumentException e) {
            throw new DefinitionException(where + ": field '" + key + "': " + e.getMessage());
        }
        throw new DefinitionException(where + ": the value of '" + key + "' must be a Path ($..., $$...) or an intrinsic "
                + "function (States....), got '" + text + "'");
    }

    private interface Node {
        JsonNode evaluate(DataScope scope);
    }

    private record Constant(JsonNode value) implements Node {
        @Override
        public JsonNode evaluate(DataScope scope) {
            return value;
        }
    }

    private record FieldTemplate(String name, Node value) {
    }

    private record ObjectTemplate(List<FieldTemplate> fields) implements Node {
        @Override
        public JsonNode evaluate(DataScope scope) {
            ObjectNode result = Json.object();
            for (FieldTemplate field : fields) {
                result.set(field.name, field.value.evaluate(scope));
            }
            return result;
        }
    }

    private record ArrayTemplate(List<Node> elements) implements Node {
        @Override
        public JsonNode evaluate(DataScope scope) {
            ArrayNode result = Json.array();
            elements.forEach(element -> result.add(element.evaluate(scope)));
            return result;
        }
    }

    private record PathValue(String key, JsonPath path) implements Node {
        @Override
        public JsonNode evaluate(DataScope scope) {
            JsonNode root = scope.root(path);
            return path.find(root).orElseThrow(() -> new StateFailure(StatesErrors.PARAMETER_PATH_FAILURE,
                    "The JSONPath '" + path + "' specified for the field '" + key + "' could not be found in the "
                            + (path.isContextPath() ? "context object " : "input ") + Json.abbreviate(root)));
        }
    }

    private record IntrinsicValue(IntrinsicExpression.Call call) implements Node {
        @Override
        public JsonNode evaluate(DataScope scope) {
            return call.evaluate(scope);
        }
    }
}
