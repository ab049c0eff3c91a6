package io.pyairtable.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Load-time validation: each invalid definition is refused with a message naming the state and the problem. */
class DefinitionValidationTest {

    private static final String END = "\"End\": true";

    /** A machine whose single state S has the given body. */
    private static String single(String stateBody) {
        return "{\"StartAt\": \"S\", \"States\": {\"S\": {" + stateBody + "}}}";
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // structure
        "`{\"States\": {\"S\": {\"Type\": \"Succeed\"}}}`|missing required field 'StartAt'",
        "`{\"StartAt\": \"X\", \"States\": {\"S\": {\"Type\": \"Succeed\"}}}`|StartAt 'X' is not a state",
        "`{\"StartAt\": \"S\", \"States\": {}}`|'States' must be a non-empty object",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Succeed\"}}, \"Bogus\": 1}`|Definition: unknown field 'Bogus'",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Succeed\"}, \"S\": {\"Type\": \"Succeed\"}}}`|Duplicate field 'S'",
        "`{\"StartAt\": \"S\", \"QueryLanguage\": \"JSONata\", \"States\": {\"S\": {\"Type\": \"Succeed\"}}}`|QueryLanguage 'JSONata' is not supported",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"Next\": \"Nowhere\"}}}`|State 'S' (Pass): transition to 'Nowhere'",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Succeed\"}, \"Orphan\": {\"Type\": \"Succeed\"}}}`|State 'Orphan' is not reachable",
        "not json|Definition is not valid JSON",
        // per-state fields
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Sleep\"}}}`|unknown Type 'Sleep'",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\"}}}`|State 'S' (Pass): must have 'Next' or \"End\": true",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"End\": true, \"Next\": \"S\"}}}`|has both 'Next' and 'End'",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"End\": true, \"Resource\": \"x\"}}}`|State 'S' (Pass): unknown field 'Resource'",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Succeed\", \"End\": true}}}`|cannot have 'Next' or 'End'",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Fail\", \"InputPath\": \"$\"}}}`|State 'S' (Fail): unknown field 'InputPath'",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Fail\", \"Error\": \"E\", \"ErrorPath\": \"$.e\"}}}`|'Error' and 'ErrorPath' are mutually exclusive",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"End\": true, \"Assign\": {}}}}`|field 'Assign' (variables) is not supported",
        // paths
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"End\": true, \"InputPath\": \"a.b\"}}}`|a path must start with '$'",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"End\": true, \"ResultPath\": \"$.a[*]\"}}}`|field 'ResultPath' must be a Reference Path",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"End\": true, \"InputPath\": \"$.a[?(@.x)]\"}}}`|filter and script expressions are not supported",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"End\": true, \"OutputPath\": \"$$.Execution\"}}}`|cannot refer to the context object",
        // payload templates and intrinsics
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"End\": true, \"Parameters\": {\"a.$\": 1}}}}`|the value of 'a.$' must be a string",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"End\": true, \"Parameters\": {\"a.$\": \"plain\"}}}}`|must be a Path ($..., $$...) or an intrinsic",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"End\": true, \"Parameters\": {\"a.$\": \"$.x\", \"a\": 1}}}}`|field 'a' appears twice",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"End\": true, \"Parameters\": {\"a.$\": \"States.Nope(1)\"}}}}`|unknown intrinsic function 'States.Nope'",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"End\": true, \"Parameters\": {\"a.$\": \"States.ArrayLength(1, 2)\"}}}}`|States.ArrayLength takes 1 argument(s), got 2",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"End\": true, \"Parameters\": {\"a.$\": \"States.Format('x)\"}}}}`|unterminated string literal",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"End\": true, \"Parameters\": {\"a.$\": \"States.Format(bare)\"}}}}`|'bare' is not a valid argument",
        // tasks
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Task\", \"End\": true}}}`|State 'S' (Task): missing required field 'Resource'",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::sqs:sendMessage\", \"End\": true}}}`|is not supported by the local interpreter",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke.waitForTaskToken\", \"Parameters\": {}, \"End\": true}}}`|.waitForTaskToken integration pattern",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::states:startExecution.sync\", \"End\": true}}}`|.sync integration pattern",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:us-east-1:123456789012:activity:a\", \"End\": true}}}`|is an Activity",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"End\": true}}}`|integration needs 'Parameters'",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"Parameters\": {\"Payload\": {}}, \"End\": true}}}`|needs the parameter 'FunctionName'",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"Parameters\": {\"FunctionName\": \"f\", \"Bogus\": 1}, \"End\": true}}}`|the field 'Bogus' is not supported by lambda:invoke",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::dynamodb:putItem\", \"Parameters\": {\"Item\": {}}, \"End\": true}}}`|needs the parameter 'TableName'",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:000000000000:function:f\", \"HeartbeatSeconds\": 5, \"End\": true}}}`|field 'HeartbeatSeconds' (task heartbeats) is not supported",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:000000000000:function:f\", \"TimeoutSeconds\": 0, \"End\": true}}}`|field 'TimeoutSeconds' must be an integer >= 1",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:000000000000:function:f\", \"TimeoutSeconds\": 5, \"TimeoutSecondsPath\": \"$.t\", \"End\": true}}}`|mutually exclusive",
        // retry and catch
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:000000000000:function:f\", \"Retry\": [{\"ErrorEquals\": [\"States.ALL\", \"E\"]}], \"End\": true}}}`|States.ALL must appear alone",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:000000000000:function:f\", \"Retry\": [{\"ErrorEquals\": [\"States.ALL\"]}, {\"ErrorEquals\": [\"E\"]}], \"End\": true}}}`|Retry[0]: a Retrier/Catcher with States.ALL must be the last one",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:000000000000:function:f\", \"Retry\": [{\"ErrorEquals\": []}], \"End\": true}}}`|field 'ErrorEquals' must be a non-empty array",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:000000000000:function:f\", \"Retry\": [{\"ErrorEquals\": [\"E\"], \"BackoffRate\": 0.5}], \"End\": true}}}`|field 'BackoffRate' must be a number in [1.0",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:000000000000:function:f\", \"Retry\": [{\"ErrorEquals\": [\"E\"], \"JitterStrategy\": \"HALF\"}], \"End\": true}}}`|JitterStrategy must be FULL or NONE",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:000000000000:function:f\", \"Retry\": [{\"ErrorEquals\": [\"E\"], \"Interval\": 1}], \"End\": true}}}`|Retry[0]: unknown field 'Interval'",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:000000000000:function:f\", \"Retry\": [{\"ErrorEquals\": [\"States.Typo\"]}], \"End\": true}}}`|unknown error name 'States.Typo'",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:000000000000:function:f\", \"Catch\": [{\"ErrorEquals\": [\"E\"]}], \"End\": true}}}`|Catch[0]: missing required field 'Next'",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:000000000000:function:f\", \"Catch\": [{\"ErrorEquals\": [\"E\"], \"Next\": \"Gone\"}], \"End\": true}}}`|transition to 'Gone'",
        // choice
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Choice\", \"Choices\": []}}}`|'Choices' must be a non-empty array",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.a\", \"StringEquals\": \"x\"}]}}}`|Choices[0]: missing required field 'Next'",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.a\", \"Next\": \"S\"}]}}}`|needs a comparison operator",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.a\", \"StringEquals\": \"x\", \"NumericEquals\": 1, \"Next\": \"S\"}]}}}`|exactly one comparison operator",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.a\", \"NumericEquals\": \"1\", \"Next\": \"S\"}]}}}`|'NumericEquals' has a value of the wrong type",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.a\", \"TimestampEquals\": \"yesterday\", \"Next\": \"S\"}]}}}`|'TimestampEquals' has a value of the wrong type",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Choice\", \"Choices\": [{\"And\": [{\"Variable\": \"$.a\", \"IsNull\": true, \"Next\": \"S\"}], \"Next\": \"S\"}]}}}`|a nested Choice rule (inside And/Or/Not) must not have 'Next'",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Choice\", \"Choices\": [{\"Or\": [], \"Next\": \"S\"}]}}}`|'Or' must be a non-empty array",
        // wait
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Wait\", \"End\": true}}}`|needs exactly one of Seconds, Timestamp",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Wait\", \"Seconds\": 1, \"Timestamp\": \"2024-01-01T00:00:00Z\", \"End\": true}}}`|needs exactly one of Seconds, Timestamp",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Wait\", \"Timestamp\": \"2024-01-01\", \"End\": true}}}`|is not an RFC 3339 timestamp",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Wait\", \"Seconds\": -1, \"End\": true}}}`|field 'Seconds' must be an integer >= 0",
        // map and parallel
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Map\", \"End\": true}}}`|needs 'ItemProcessor'",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Map\", \"ItemReader\": {}, \"End\": true}}}`|field 'ItemReader' (distributed Map) is not supported",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Map\", \"ItemProcessor\": {\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\"}, \"StartAt\": \"I\", \"States\": {\"I\": {\"Type\": \"Succeed\"}}}, \"End\": true}}}`|Mode DISTRIBUTED (distributed Map) is not supported",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Map\", \"ItemProcessor\": {\"StartAt\": \"I\", \"States\": {\"I\": {\"Type\": \"Pass\"}}}, \"End\": true}}}`|State 'I' (Pass): must have 'Next' or",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Map\", \"ItemSelector\": {}, \"Parameters\": {}, \"ItemProcessor\": {\"StartAt\": \"I\", \"States\": {\"I\": {\"Type\": \"Succeed\"}}}, \"End\": true}}}`|'ItemSelector' and 'Parameters' are mutually exclusive",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Map\", \"MaxConcurrency\": -1, \"ItemProcessor\": {\"StartAt\": \"I\", \"States\": {\"I\": {\"Type\": \"Succeed\"}}}, \"End\": true}}}`|field 'MaxConcurrency' must be an integer >= 0",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Parallel\", \"Branches\": [], \"End\": true}}}`|'Branches' must be a non-empty array",
        "`{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Parallel\", \"Branches\": [{\"StartAt\": \"B\", \"States\": {\"B\": {\"Type\": \"Pass\", \"Next\": \"S\"}}}], \"End\": true}}}`|State 'B' (Pass): transition to 'S', which is not a state of this machine",
    })
    void rejects(String definition, String expectedMessage) {
        assertThatThrownBy(() -> StateMachineDefinition.parse(definition))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining(expectedMessage);
    }

    @Test
    void stateNamesAreAtMost80Characters() {
        String name = "x".repeat(81);
        assertThatThrownBy(() -> StateMachineDefinition.parse(
                "{\"StartAt\": \"" + name + "\", \"States\": {\"" + name + "\": {\"Type\": \"Succeed\"}}}"))
                .hasMessageContaining("a state name must have 1 to 80 characters");
    }

    @Test
    void acceptsAFullFeaturedDefinition() {
        String definition = """
                {"Comment": "saga", "Version": "1.0", "TimeoutSeconds": 3600, "QueryLanguage": "JSONPath", "StartAt": "Apply",
                 "States": {
                  "Apply": {"Type": "Map", "ItemsPath": "$.chunks", "MaxConcurrency": 1, "ResultPath": "$.applied",
                    "ItemSelector": {"chunk.$": "$$.Map.Item.Value", "jobId.$": "$.jobId"},
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "ApplyChunk", "States": {
                      "ApplyChunk": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Parameters": {"FunctionName": "SagaFunction", "Payload": {"action": "applyChunk", "chunk.$": "$.chunk"}},
                        "ResultSelector": {"result.$": "$.Payload"}, "OutputPath": "$.result",
                        "Retry": [{"ErrorEquals": ["Airtable.RateLimited"], "IntervalSeconds": 30, "MaxAttempts": 5, "BackoffRate": 1},
                                  {"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 2, "JitterStrategy": "FULL", "MaxDelaySeconds": 60}],
                        "End": true}}},
                    "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Compensate"}],
                    "Next": "Finalize"},
                  "Compensate": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:000000000000:function:SagaFunction",
                    "Next": "RolledBack"},
                  "RolledBack": {"Type": "Fail", "ErrorPath": "$.error.Error", "CausePath": "States.Format('rolled back: {}', $.error.Cause)"},
                  "Finalize": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:updateItem",
                    "Parameters": {"TableName": "Imports", "Key": {"id": {"S.$": "$.jobId"}}}, "End": true}}}
                """;
        assertThatCode(() -> StateMachineDefinition.parse(definition)).doesNotThrowAnyException();
    }
}
