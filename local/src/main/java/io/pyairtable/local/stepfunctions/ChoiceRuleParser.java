package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses Choice rules. A rule is a boolean expression ({@code And}, {@code Or}: non-empty arrays of rules;
 * {@code Not}: one rule) or a comparison ({@code Variable} plus exactly one operator). Top-level rules must have
 * {@code Next}; nested rules must not.
 */
final class ChoiceRuleParser {
    private record OperatorField(ComparisonOperator operator, boolean path) {
    }

    private static final Map<String, OperatorField> OPERATORS = new HashMap<>();

    static {
        for (ComparisonOperator operator : ComparisonOperator.values()) {
            OPERATORS.put(operator.fieldName(), new OperatorField(operator, false));
            if (operator.hasPathVariant()) {
                OPERATORS.put(operator.fieldName() + "Path", new OperatorField(operator, true));
            }
        }
    }

    private ChoiceRuleParser() {
    }

    static ChoiceState.Branch parseTopLevel(JsonNode node, String where) {
        JsonFields fields = new JsonFields(node, where);
        String next = fields.requiredString("Next");
        return new ChoiceState.Branch(parseRule(fields), next);
    }

    private static ChoiceRule parseNested(JsonNode node, String where) {
        JsonFields fields = new JsonFields(node, where);
        if (fields.has("Next")) {
            throw fields.error("a nested Choice rule (inside And/Or/Not) must not have 'Next'");
        }
        return parseRule(fields);
    }

    private static ChoiceRule parseRule(JsonFields fields) {
        fields.get("Comment");
        fields.rejectUnsupported("Assign", "variables");
        fields.rejectUnsupported("Condition", "JSONata");
        int booleans = (fields.has("And") ? 1 : 0) + (fields.has("Or") ? 1 : 0) + (fields.has("Not") ? 1 : 0);
        if (booleans > 1) {
            throw fields.error("a Choice rule may have only one of 'And', 'Or', 'Not'");
        }
        ChoiceRule rule = booleans == 1 ? booleanRule(fields) : comparison(fields);
        fields.rejectUnknownFields();
        return rule;
    }

    private static ChoiceRule booleanRule(JsonFields fields) {
        if (fields.has("Variable")) {
            throw fields.error("a boolean rule (And/Or/Not) must not have 'Variable'");
        }
        if (fields.has("Not")) {
            JsonNode inner = fields.get("Not");
            if (!inner.isObject()) {
                throw fields.error("'Not' must be a Choice rule object");
            }
            return new ChoiceRule.Not(parseNested(inner, fields.where() + " > Not"));
        }
        String name = fields.has("And") ? "And" : "Or";
        JsonNode array = fields.get(name);
        if (!array.isArray() || array.isEmpty()) {
            throw fields.error("'" + name + "' must be a non-empty array of Choice rules");
        }
        List<ChoiceRule> rules = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            rules.add(parseNested(array.get(i), fields.where() + " > " + name + "[" + i + "]"));
        }
        return name.equals("And") ? new ChoiceRule.And(rules) : new ChoiceRule.Or(rules);
    }

    private static ChoiceRule comparison(JsonFields fields) {
        String variableText = fields.string("Variable");
        if (variableText == null) {
            throw fields.error("a Choice rule needs 'Variable' and a comparison operator, or one of And/Or/Not");
        }
        JsonPath variable = parsePath(fields, "Variable", variableText);
        String operatorName = null;
        for (String name : OPERATORS.keySet()) {
            if (fields.has(name)) {
                if (operatorName != null) {
                    throw fields.error("a Choice rule must have exactly one comparison operator, found '" + operatorName
                            + "' and '" + name + "'");
                }
                operatorName = name;
            }
        }
        if (operatorName == null) {
            throw fields.error("a Choice rule with 'Variable' needs a comparison operator (e.g. StringEquals)");
        }
        OperatorField operator = OPERATORS.get(operatorName);
        JsonNode value = fields.get(operatorName);
        if (operator.path()) {
            if (!value.isTextual()) {
                throw fields.error("'" + operatorName + "' must be a path string");
            }
            return new ChoiceRule.Comparison(variable, operator.operator(), null,
                    parsePath(fields, operatorName, value.asText()), null);
        }
        if (!operator.operator().acceptsOperand(value)) {
            throw fields.error("'" + operatorName + "' has a value of the wrong type: " + value);
        }
        Pattern pattern = operator.operator() == ComparisonOperator.STRING_MATCHES
                ? ComparisonOperator.compileWildcard(value.asText()) : null;
        return new ChoiceRule.Comparison(variable, operator.operator(), value, null, pattern);
    }

    private static JsonPath parsePath(JsonFields fields, String field, String text) {
        try {
            return JsonPath.parse(text);
        } catch (IllegalArgumentException e) {
            throw fields.error("field '" + field + "': " + e.getMessage());
        }
    }
}
