package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/** A Choice rule (boolean expression) evaluated against a Choice state's effective input. */
sealed interface ChoiceRule {

    boolean matches(DataScope scope);

    record And(List<ChoiceRule> rules) implements ChoiceRule {
        @Override
        public boolean matches(DataScope scope) {
            return rules.stream().allMatch(rule -> rule.matches(scope));
        }
    }

    record Or(List<ChoiceRule> rules) implements ChoiceRule {
        @Override
        public boolean matches(DataScope scope) {
            return rules.stream().anyMatch(rule -> rule.matches(scope));
        }
    }

    record Not(ChoiceRule rule) implements ChoiceRule {
        @Override
        public boolean matches(DataScope scope) {
            return !rule.matches(scope);
        }
    }

    /**
     * {@code Variable} compared with a literal or, for {@code ...Path} operators, with another path's value. A
     * Variable (or operand path) that matches nothing is a {@code States.Runtime} error, as in AWS; the type tests
     * ({@code IsPresent}, {@code IsNull}, ...) instead treat it as absent.
     */
    record Comparison(JsonPath variable, ComparisonOperator operator, JsonNode literal, JsonPath operandPath,
            Pattern pattern) implements ChoiceRule {
        @Override
        public boolean matches(DataScope scope) {
            JsonNode value = variable.find(scope.root(variable)).orElse(null);
            if (operator.kind() == ComparisonOperator.Kind.TYPE_TEST) {
                return operator.testType(value, literal.asBoolean());
            }
            if (value == null) {
                throw StateFailure.runtime("Invalid path '" + variable + "': the choice state's condition path "
                        + "references an undefined value");
            }
            if (pattern != null) {
                return value.isTextual() && pattern.matcher(value.asText()).matches();
            }
            JsonNode operand = literal;
            if (operandPath != null) {
                operand = operandPath.find(scope.root(operandPath)).orElseThrow(() -> StateFailure.runtime(
                        "Invalid path '" + operandPath + "': the choice state's condition path references an undefined value"));
            }
            return operator.test(value, operand);
        }
    }
}
