package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns ASL JSON into a validated {@link StateMachineDefinition}. Validation happens here, at load time: required
 * fields, field types, mutually exclusive fields, unknown fields (per state type), paths, payload templates,
 * intrinsic functions, Retry/Catch, Choice rules, nested machines, transition targets and reachability.
 * Unsupported features (JSONata, variables, distributed Map, heartbeats, ...) are rejected by name.
 */
final class DefinitionParser {
    private static final int MAX_STATE_NAME_LENGTH = 80;
    private static final Set<String> KNOWN_STATES_ERRORS = Set.of(StatesErrors.ALL, StatesErrors.TASK_FAILED,
            StatesErrors.TIMEOUT, StatesErrors.RUNTIME, StatesErrors.DATA_LIMIT_EXCEEDED, StatesErrors.INTRINSIC_FAILURE,
            StatesErrors.RESULT_PATH_MATCH_FAILURE, StatesErrors.PARAMETER_PATH_FAILURE, StatesErrors.NO_CHOICE_MATCHED,
            StatesErrors.BRANCH_FAILED, StatesErrors.EXCEED_TOLERATED_FAILURE_THRESHOLD, StatesErrors.PERMISSIONS,
            StatesErrors.HEARTBEAT_TIMEOUT, "States.ItemReaderFailed", "States.ResultWriterFailed",
            "States.QueryEvaluationError");

    private DefinitionParser() {
    }

    static StateMachineDefinition parse(String json) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new DefinitionException("Definition is not valid JSON: " + e.getMessage());
        }
        JsonFields fields = new JsonFields(root, "Definition");
        String version = fields.string("Version");
        if (version != null && !version.equals("1.0")) {
            throw fields.error("unsupported Version '" + version + "' (only \"1.0\")");
        }
        Integer timeout = fields.integer("TimeoutSeconds", 1);
        return machine(fields, timeout);
    }

    /** StartAt, States, Comment and QueryLanguage of a (top-level or nested) machine. */
    private static StateMachineDefinition machine(JsonFields fields, Integer timeoutSeconds) {
        comment(fields);
        queryLanguage(fields);
        String startAt = fields.requiredString("StartAt");
        JsonNode statesNode = fields.get("States");
        if (statesNode == null || !statesNode.isObject() || statesNode.isEmpty()) {
            throw fields.error("'States' must be a non-empty object");
        }
        fields.rejectUnknownFields();
        Map<String, State> states = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : statesNode.properties()) {
            states.put(entry.getKey(), state(entry.getKey(), entry.getValue()));
        }
        validateTransitions(fields.where(), startAt, states);
        return new StateMachineDefinition(startAt, states, timeoutSeconds);
    }

    private static void validateTransitions(String where, String startAt, Map<String, State> states) {
        if (!states.containsKey(startAt)) {
            throw new DefinitionException(where + ": StartAt '" + startAt + "' is not a state of this machine");
        }
        for (State state : states.values()) {
            for (String target : state.transitions()) {
                if (!states.containsKey(target)) {
                    throw new DefinitionException("State '" + state.name() + "' (" + state.type()
                            + "): transition to '" + target + "', which is not a state of this machine");
                }
            }
        }
        Set<String> reached = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(startAt));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (reached.add(name)) {
                pending.addAll(states.get(name).transitions());
            }
        }
        for (String name : states.keySet()) {
            if (!reached.contains(name)) {
                throw new DefinitionException("State '" + name + "' is not reachable from StartAt '" + startAt + "'");
            }
        }
    }

    private static State state(String name, JsonNode node) {
        if (name.isEmpty() || name.length() > MAX_STATE_NAME_LENGTH) {
            throw new DefinitionException("State '" + name + "': a state name must have 1 to " + MAX_STATE_NAME_LENGTH
                    + " characters");
        }
        if (node == null || !node.isObject()) {
            throw new DefinitionException("State '" + name + "' must be a JSON object");
        }
        JsonNode typeNode = node.get("Type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new DefinitionException("State '" + name + "': missing required string field 'Type'");
        }
        String type = typeNode.asText();
        JsonFields fields = new JsonFields(node, "State '" + name + "' (" + type + ")");
        fields.get("Type");
        comment(fields);
        queryLanguage(fields);
        fields.rejectUnsupported("Assign", "variables");
        fields.rejectUnsupported("Output", "JSONata");
        fields.rejectUnsupported("Arguments", "JSONata");
        State state;
        switch (type) {
            case "Pass":
                state = pass(name, fields);
                break;
            case "Task":
                state = task(name, fields);
                break;
            case "Choice":
                state = choice(name, fields);
                break;
            case "Wait":
                state = waitState(name, fields);
                break;
            case "Succeed":
                state = new SucceedState(common(name, fields, false, true));
                break;
            case "Fail":
                state = fail(name, fields);
                break;
            case "Parallel":
                state = parallel(name, fields);
                break;
            case "Map":
                state = map(name, fields);
                break;
            default:
                throw new DefinitionException("State '" + name + "': unknown Type '" + type
                        + "' (Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map)");
        }
        fields.rejectUnknownFields();
        return state;
    }

    private static void comment(JsonFields fields) {
        fields.string("Comment");
    }

    private static void queryLanguage(JsonFields fields) {
        String language = fields.string("QueryLanguage");
        if (language == null || language.equals("JSONPath")) {
            return;
        }
        if (language.equals("JSONata")) {
            throw fields.error("QueryLanguage 'JSONata' is not supported by the local interpreter (only JSONPath)");
        }
        throw fields.error("unknown QueryLanguage '" + language + "'");
    }

    /** Next/End (when the type transitions) and InputPath/OutputPath (when the type has them). */
    private static State.Common common(String name, JsonFields fields, boolean transitions, boolean paths) {
        String next = null;
        if (transitions) {
            next = fields.string("Next");
            JsonNode end = fields.get("End");
            if (end != null && !end.isBoolean()) {
                throw fields.error("field 'End' must be a boolean");
            }
            boolean isEnd = end != null && end.asBoolean();
            if (isEnd && next != null) {
                throw fields.error("has both 'Next' and 'End'");
            }
            if (!isEnd && next == null) {
                throw fields.error("must have 'Next' or \"End\": true");
            }
        } else if (fields.has("Next") || fields.has("End")) {
            throw fields.error("this state type cannot have 'Next' or 'End'");
        }
        JsonPath inputPath = paths ? fields.pathOrRoot("InputPath", false) : JsonPath.ROOT;
        JsonPath outputPath = paths ? fields.pathOrRoot("OutputPath", false) : JsonPath.ROOT;
        return new State.Common(name, next, inputPath, outputPath);
    }

    private static PayloadTemplate template(JsonFields fields, String field) {
        JsonNode node = fields.get(field);
        return node == null ? null : PayloadTemplate.compile(node, fields.where() + " " + field);
    }

    private static State pass(String name, JsonFields fields) {
        State.Common common = common(name, fields, true, true);
        PayloadTemplate parameters = template(fields, "Parameters");
        JsonNode result = fields.get("Result");
        JsonPath resultPath = fields.pathOrRoot("ResultPath", true);
        return new PassState(common, parameters, result, resultPath);
    }

    private static State task(String name, JsonFields fields) {
        State.Common common = common(name, fields, true, true);
        fields.rejectUnsupported("HeartbeatSeconds", "task heartbeats");
        fields.rejectUnsupported("HeartbeatSecondsPath", "task heartbeats");
        fields.rejectUnsupported("Credentials", "cross-account task credentials");
        TaskResource resource = TaskResource.parse(fields.requiredString("Resource"), fields.where());
        PayloadTemplate parameters = template(fields, "Parameters");
        validateIntegrationParameters(fields, resource, parameters);
        Integer timeout = fields.integer("TimeoutSeconds", 1);
        JsonPath timeoutPath = fields.path("TimeoutSecondsPath", true);
        exclusive(fields, "TimeoutSeconds", "TimeoutSecondsPath");
        return new TaskState(common, errorHandling(fields), resource, parameters, timeout, timeoutPath);
    }

    private static void validateIntegrationParameters(JsonFields fields, TaskResource resource, PayloadTemplate parameters) {
        if (resource instanceof TaskResource.LambdaFunction) {
            return;
        }
        if (parameters == null) {
            throw fields.error("the " + resource.resourceType() + ":" + resource.resource()
                    + " integration needs 'Parameters'");
        }
        Set<String> names = parameters.topLevelFieldNames();
        if (resource instanceof TaskResource.LambdaInvoke) {
            for (String parameter : names) {
                if (!TaskResource.LambdaInvoke.PARAMETERS.contains(parameter)) {
                    throw fields.error("the field '" + parameter + "' is not supported by lambda:invoke (supported: "
                            + String.join(", ", new java.util.TreeSet<>(TaskResource.LambdaInvoke.PARAMETERS)) + ")");
                }
            }
            if (!names.contains("FunctionName")) {
                throw fields.error("lambda:invoke needs the parameter 'FunctionName'");
            }
        } else if (!names.contains("TableName")) {
            throw fields.error("dynamodb:" + resource.resource() + " needs the parameter 'TableName'");
        }
    }

    private static ErrorHandlingState.ErrorHandling errorHandling(JsonFields fields) {
        PayloadTemplate resultSelector = template(fields, "ResultSelector");
        JsonPath resultPath = fields.pathOrRoot("ResultPath", true);
        return new ErrorHandlingState.ErrorHandling(resultSelector, resultPath, retriers(fields), catchers(fields));
    }

    private static List<Retrier> retriers(JsonFields fields) {
        List<Retrier> retriers = new ArrayList<>();
        JsonNode array = fields.get("Retry");
        if (array == null) {
            return retriers;
        }
        if (!array.isArray()) {
            throw fields.error("'Retry' must be an array of Retriers");
        }
        for (int i = 0; i < array.size(); i++) {
            JsonFields retry = new JsonFields(array.get(i), fields.where() + " Retry[" + i + "]");
            comment(retry);
            List<String> errors = errorEquals(retry, i == array.size() - 1);
            Integer interval = retry.integer("IntervalSeconds", 1);
            Integer maxAttempts = retry.integer("MaxAttempts", 0);
            Double backoff = retry.number("BackoffRate", 1.0, Double.MAX_VALUE);
            Integer maxDelay = retry.integer("MaxDelaySeconds", 1);
            String jitter = retry.string("JitterStrategy");
            if (jitter != null && !jitter.equals("FULL") && !jitter.equals("NONE")) {
                throw retry.error("JitterStrategy must be FULL or NONE, got '" + jitter + "'");
            }
            retry.rejectUnknownFields();
            retriers.add(new Retrier(errors, interval == null ? Retrier.DEFAULT_INTERVAL_SECONDS : interval,
                    maxAttempts == null ? Retrier.DEFAULT_MAX_ATTEMPTS : maxAttempts,
                    backoff == null ? Retrier.DEFAULT_BACKOFF_RATE : backoff, maxDelay, "FULL".equals(jitter)));
        }
        return retriers;
    }

    private static List<Catcher> catchers(JsonFields fields) {
        List<Catcher> catchers = new ArrayList<>();
        JsonNode array = fields.get("Catch");
        if (array == null) {
            return catchers;
        }
        if (!array.isArray()) {
            throw fields.error("'Catch' must be an array of Catchers");
        }
        for (int i = 0; i < array.size(); i++) {
            JsonFields catcher = new JsonFields(array.get(i), fields.where() + " Catch[" + i + "]");
            comment(catcher);
            catcher.rejectUnsupported("Assign", "variables");
            catcher.rejectUnsupported("Output", "JSONata");
            List<String> errors = errorEquals(catcher, i == array.size() - 1);
            String next = catcher.requiredString("Next");
            JsonPath resultPath = catcher.pathOrRoot("ResultPath", true);
            catcher.rejectUnknownFields();
            catchers.add(new Catcher(errors, next, resultPath));
        }
        return catchers;
    }

    /** ErrorEquals; {@code States.ALL} must be alone and in the last Retrier/Catcher. */
    private static List<String> errorEquals(JsonFields fields, boolean last) {
        List<String> errors = fields.stringList("ErrorEquals");
        for (String error : errors) {
            if (error.startsWith("States.") && !KNOWN_STATES_ERRORS.contains(error)) {
                throw fields.error("unknown error name '" + error + "' in ErrorEquals");
            }
        }
        if (errors.contains(StatesErrors.ALL)) {
            if (errors.size() != 1) {
                throw fields.error("States.ALL must appear alone in ErrorEquals");
            }
            if (!last) {
                throw fields.error("a Retrier/Catcher with States.ALL must be the last one");
            }
        }
        return errors;
    }

    private static State choice(String name, JsonFields fields) {
        State.Common common = common(name, fields, false, true);
        JsonNode array = fields.get("Choices");
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw fields.error("'Choices' must be a non-empty array of Choice rules");
        }
        List<ChoiceState.Branch> choices = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            choices.add(ChoiceRuleParser.parseTopLevel(array.get(i), fields.where() + " Choices[" + i + "]"));
        }
        String defaultState = fields.string("Default");
        return new ChoiceState(common, choices, defaultState);
    }

    private static State waitState(String name, JsonFields fields) {
        State.Common common = common(name, fields, true, true);
        int present = 0;
        for (String field : List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath")) {
            present += fields.has(field) ? 1 : 0;
        }
        if (present != 1) {
            throw fields.error("needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath");
        }
        Integer seconds = fields.integer("Seconds", 0);
        String timestampText = fields.string("Timestamp");
        Instant timestamp = null;
        if (timestampText != null) {
            timestamp = ComparisonOperator.parseTimestamp(timestampText);
            if (timestamp == null) {
                throw fields.error("Timestamp '" + timestampText + "' is not an RFC 3339 timestamp");
            }
        }
        return new WaitState(common, seconds == null ? null : seconds.longValue(), timestamp,
                fields.path("SecondsPath", true), fields.path("TimestampPath", true));
    }

    private static State fail(String name, JsonFields fields) {
        State.Common common = common(name, fields, false, false);
        exclusive(fields, "Error", "ErrorPath");
        exclusive(fields, "Cause", "CausePath");
        String error = fields.string("Error");
        String cause = fields.string("Cause");
        return new FailState(common, error, cause, dynamicString(fields, "ErrorPath"), dynamicString(fields, "CausePath"));
    }

    private static DynamicString dynamicString(JsonFields fields, String field) {
        String text = fields.string(field);
        if (text == null) {
            return null;
        }
        try {
            return DynamicString.parse(text);
        } catch (IllegalArgumentException e) {
            throw fields.error("field '" + field + "': " + e.getMessage());
        }
    }

    private static State parallel(String name, JsonFields fields) {
        State.Common common = common(name, fields, true, true);
        JsonNode array = fields.get("Branches");
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw fields.error("'Branches' must be a non-empty array of state machines");
        }
        List<StateMachineDefinition> branches = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            branches.add(machine(new JsonFields(array.get(i), fields.where() + " Branches[" + i + "]"), null));
        }
        PayloadTemplate parameters = template(fields, "Parameters");
        return new ParallelState(common, errorHandling(fields), branches, parameters);
    }

    private static State map(String name, JsonFields fields) {
        State.Common common = common(name, fields, true, true);
        fields.rejectUnsupported("ItemReader", "distributed Map");
        fields.rejectUnsupported("ResultWriter", "distributed Map");
        fields.rejectUnsupported("ItemBatcher", "distributed Map");
        fields.rejectUnsupported("Label", "distributed Map");
        fields.rejectUnsupported("Items", "JSONata");
        exclusive(fields, "ItemProcessor", "Iterator");
        StateMachineDefinition processor;
        if (fields.has("ItemProcessor")) {
            JsonFields processorFields = new JsonFields(fields.get("ItemProcessor"), fields.where() + " ItemProcessor");
            processorConfig(processorFields);
            processor = machine(processorFields, null);
        } else if (fields.has("Iterator")) {
            processor = machine(new JsonFields(fields.get("Iterator"), fields.where() + " Iterator"), null);
        } else {
            throw fields.error("needs 'ItemProcessor' (or the legacy 'Iterator')");
        }
        JsonPath itemsPath = fields.pathOrRoot("ItemsPath", true);
        if (itemsPath == null) {
            throw fields.error("ItemsPath must not be null");
        }
        exclusive(fields, "ItemSelector", "Parameters");
        PayloadTemplate selector = fields.has("ItemSelector") ? template(fields, "ItemSelector") : template(fields, "Parameters");
        exclusive(fields, "MaxConcurrency", "MaxConcurrencyPath");
        Integer maxConcurrency = fields.integer("MaxConcurrency", 0);
        JsonPath maxConcurrencyPath = fields.path("MaxConcurrencyPath", true);
        exclusive(fields, "ToleratedFailureCount", "ToleratedFailureCountPath");
        exclusive(fields, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath");
        Integer toleratedCount = fields.integer("ToleratedFailureCount", 0);
        Double toleratedPercentage = fields.number("ToleratedFailurePercentage", 0, 100);
        MapState.Tolerance tolerance = new MapState.Tolerance(toleratedCount, fields.path("ToleratedFailureCountPath", true),
                toleratedPercentage, fields.path("ToleratedFailurePercentagePath", true));
        return new MapState(common, errorHandling(fields), processor, itemsPath, selector, maxConcurrency,
                maxConcurrencyPath, tolerance);
    }

    private static void processorConfig(JsonFields processorFields) {
        JsonNode config = processorFields.get("ProcessorConfig");
        if (config == null) {
            return;
        }
        JsonFields configFields = new JsonFields(config, processorFields.where() + " ProcessorConfig");
        String mode = configFields.string("Mode");
        if ("DISTRIBUTED".equals(mode)) {
            throw configFields.error("Mode DISTRIBUTED (distributed Map) is not supported by the local interpreter");
        }
        if (mode != null && !mode.equals("INLINE")) {
            throw configFields.error("Mode must be INLINE or DISTRIBUTED, got '" + mode + "'");
        }
        configFields.rejectUnsupported("ExecutionType", "distributed Map");
        configFields.rejectUnknownFields();
    }

    private static void exclusive(JsonFields fields, String first, String second) {
        if (fields.has(first) && fields.has(second)) {
            throw fields.error("'" + first + "' and '" + second + "' are mutually exclusive");
        }
    }
}
