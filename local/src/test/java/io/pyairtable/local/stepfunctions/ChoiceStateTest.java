package io.pyairtable.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Choice state rules and operators (spec: "Choice State"). */
class ChoiceStateTest extends AslTestSupport {

    /** A machine that outputs "yes" when {@code rule} matches the input, "no" otherwise (Default). */
    private static String machine(String rule) {
        return """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [ %s ], "Default": "No"},
                  "Yes": {"Type": "Pass", "Result": "yes", "End": true},
                  "No": {"Type": "Pass", "Result": "no", "End": true}}}
                """.formatted(rule.replace("}$", ", \"Next\": \"Yes\"}"));
    }

    private String decide(String rule, String input) {
        return output(machine(rule + "$"), input).asText();
    }

    @ParameterizedTest(name = "{0} {1} on {2} → {3}")
    @CsvSource(delimiter = '|', value = {
        "StringEquals|'\"abc\"'|'\"abc\"'|yes",
        "StringEquals|'\"abc\"'|'\"abd\"'|no",
        "StringEquals|'\"1\"'|1|no",
        "StringLessThan|'\"b\"'|'\"a\"'|yes",
        "StringLessThan|'\"b\"'|'\"b\"'|no",
        "StringGreaterThan|'\"b\"'|'\"c\"'|yes",
        "StringLessThanEquals|'\"b\"'|'\"b\"'|yes",
        "StringGreaterThanEquals|'\"b\"'|'\"a\"'|no",
        "StringMatches|'\"log-*.txt\"'|'\"log-2024.txt\"'|yes",
        "StringMatches|'\"log-*.txt\"'|'\"log-2024.csv\"'|no",
        "StringMatches|'\"a\\\\*b\"'|'\"a*b\"'|yes",
        "StringMatches|'\"a\\\\*b\"'|'\"axb\"'|no",
        "StringMatches|'\"*\"'|'\"\"'|yes",
        "NumericEquals|1|1.0|yes",
        "NumericEquals|1|'\"1\"'|no",
        "NumericLessThan|10|9.5|yes",
        "NumericGreaterThan|10|10|no",
        "NumericLessThanEquals|10|10|yes",
        "NumericGreaterThanEquals|10|11|yes",
        "BooleanEquals|true|true|yes",
        "BooleanEquals|true|'\"true\"'|no",
        "TimestampEquals|'\"2024-01-01T00:00:00Z\"'|'\"2024-01-01T01:00:00+01:00\"'|yes",
        "TimestampLessThan|'\"2024-01-01T00:00:00Z\"'|'\"2023-12-31T23:59:59Z\"'|yes",
        "TimestampGreaterThan|'\"2024-01-01T00:00:00Z\"'|'\"2023-12-31T23:59:59Z\"'|no",
        "TimestampLessThanEquals|'\"2024-01-01T00:00:00Z\"'|'\"2024-01-01T00:00:00Z\"'|yes",
        "TimestampGreaterThanEquals|'\"2024-01-01T00:00:00Z\"'|'\"not a time\"'|no",
    })
    void comparisonOperators(String operator, String operand, String value, String expected) {
        String rule = "{\"Variable\": \"$.v\", \"" + operator + "\": " + operand + "}";
        assertThat(decide(rule, "{\"v\": " + value + "}")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}Path on {1} vs {2} → {3}")
    @CsvSource(delimiter = '|', value = {
        "StringEquals|'\"a\"'|'\"a\"'|yes",
        "StringLessThan|'\"a\"'|'\"b\"'|yes",
        "StringGreaterThan|'\"a\"'|'\"b\"'|no",
        "StringLessThanEquals|'\"b\"'|'\"b\"'|yes",
        "StringGreaterThanEquals|'\"b\"'|'\"c\"'|no",
        "NumericEquals|3|3|yes",
        "NumericLessThan|3|4|yes",
        "NumericGreaterThan|3|4|no",
        "NumericLessThanEquals|4|4|yes",
        "NumericGreaterThanEquals|5|4|yes",
        "BooleanEquals|false|false|yes",
        "TimestampEquals|'\"2024-01-01T00:00:00Z\"'|'\"2024-01-01T00:00:00Z\"'|yes",
        "TimestampLessThan|'\"2024-01-01T00:00:00Z\"'|'\"2024-01-02T00:00:00Z\"'|yes",
        "TimestampGreaterThan|'\"2024-01-03T00:00:00Z\"'|'\"2024-01-02T00:00:00Z\"'|yes",
        "TimestampLessThanEquals|'\"2024-01-03T00:00:00Z\"'|'\"2024-01-02T00:00:00Z\"'|no",
        "TimestampGreaterThanEquals|'\"2024-01-02T00:00:00Z\"'|'\"2024-01-02T00:00:00Z\"'|yes",
    })
    void pathVariantsCompareWithAnotherInputValue(String operator, String value, String other, String expected) {
        String rule = "{\"Variable\": \"$.v\", \"" + operator + "Path\": \"$.other\"}";
        assertThat(decide(rule, "{\"v\": " + value + ", \"other\": " + other + "}")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}={1} on {2} → {3}")
    @CsvSource(delimiter = '|', value = {
        "IsPresent|true|'{\"v\": null}'|yes",
        "IsPresent|true|'{}'|no",
        "IsPresent|false|'{}'|yes",
        "IsNull|true|'{\"v\": null}'|yes",
        "IsNull|true|'{}'|no",
        "IsNull|false|'{\"v\": 1}'|yes",
        "IsNumeric|true|'{\"v\": 1.5}'|yes",
        "IsNumeric|true|'{\"v\": \"1\"}'|no",
        "IsString|true|'{\"v\": \"x\"}'|yes",
        "IsString|false|'{\"v\": 2}'|yes",
        "IsBoolean|true|'{\"v\": false}'|yes",
        "IsBoolean|true|'{\"v\": 0}'|no",
        "IsTimestamp|true|'{\"v\": \"2024-05-06T07:08:09Z\"}'|yes",
        "IsTimestamp|true|'{\"v\": \"2024-05-06\"}'|no",
        "IsTimestamp|true|'{\"v\": \"2024-05-06t07:08:09z\"}'|no",
    })
    void typeTests(String operator, String expectation, String input, String expected) {
        String rule = "{\"Variable\": \"$.v\", \"" + operator + "\": " + expectation + "}";
        assertThat(decide(rule, input)).isEqualTo(expected);
    }

    /** And/Or short-circuit, so a presence test can guard a comparison (a missing Variable is an error). */
    @Test
    void booleanExpressionsNest() {
        String rule = """
                {"And": [
                  {"Variable": "$.n", "NumericGreaterThan": 0},
                  {"Or": [{"Not": {"Variable": "$.s", "IsPresent": true}}, {"Variable": "$.s", "StringEquals": "a"}]}]}""";
        assertThat(decide(rule, "{\"n\": 1, \"s\": \"a\"}")).isEqualTo("yes");
        assertThat(decide(rule, "{\"n\": 1}")).isEqualTo("yes");
        assertThat(decide(rule, "{\"n\": 1, \"s\": \"b\"}")).isEqualTo("no");
        assertThat(decide(rule, "{\"n\": 0, \"s\": \"a\"}")).isEqualTo("no");
    }

    @Test
    void firstMatchingChoiceWinsInOrder() {
        String definition = """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [
                    {"Variable": "$.n", "NumericGreaterThan": 5, "Next": "Big"},
                    {"Variable": "$.n", "NumericGreaterThan": 1, "Next": "Medium"}]},
                  "Big": {"Type": "Pass", "Result": "big", "End": true},
                  "Medium": {"Type": "Pass", "Result": "medium", "End": true}}}
                """;
        assertThat(output(definition, "{\"n\": 9}").asText()).isEqualTo("big");
        assertThat(output(definition, "{\"n\": 3}").asText()).isEqualTo("medium");
    }

    @Test
    void noMatchWithoutDefaultIsNoChoiceMatched() {
        String definition = """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "X"}]},
                  "X": {"Type": "Succeed"}}}
                """;
        assertThat(failure(definition, "{\"n\": 2}").error()).isEqualTo("States.NoChoiceMatched");
    }

    @Test
    void missingVariableIsStatesRuntime() {
        assertThat(failure(machine("{\"Variable\": \"$.absent\", \"StringEquals\": \"a\"}$"), "{}").error())
                .isEqualTo("States.Runtime");
    }

    @Test
    void choiceAppliesInputPathAndOutputPath() {
        String definition = """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "InputPath": "$.inner", "OutputPath": "$.v",
                        "Choices": [{"Variable": "$.v", "StringEquals": "a", "Next": "Done"}]},
                  "Done": {"Type": "Succeed"}}}
                """;
        assertThat(output(definition, "{\"inner\": {\"v\": \"a\"}}").asText()).isEqualTo("a");
    }

    @Test
    void variableMayReadTheContextObject() {
        assertThat(decide("{\"Variable\": \"$$.State.Name\", \"StringEquals\": \"C\"}", "{}")).isEqualTo("yes");
    }
}
