package io.pyairtable.local.lambda;

import io.pyairtable.local.template.FunctionDefinition;
import io.pyairtable.local.template.LocalNames;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a function sees: its template {@code Environment.Variables}, then the variables the Lambda runtime
 * sets itself (which a template cannot override in AWS either), then the host's overrides for all functions, then the
 * overrides for this function (logical id) — the last two like {@code sam local invoke --env-vars}.
 */
public final class FunctionEnvironment {
    private FunctionEnvironment() {
    }

    public static Map<String, String> of(FunctionDefinition function, Map<String, String> overridesForAll,
            Map<String, String> overridesForFunction) {
        Map<String, String> environment = new LinkedHashMap<>(function.environment());
        environment.putAll(lambdaRuntimeVariables(function));
        environment.putAll(overridesForAll);
        environment.putAll(overridesForFunction);
        return Map.copyOf(environment);
    }

    /** The reserved variables Lambda defines for every function. */
    static Map<String, String> lambdaRuntimeVariables(FunctionDefinition function) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("AWS_REGION", LocalNames.REGION);
        variables.put("AWS_DEFAULT_REGION", LocalNames.REGION);
        variables.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
        variables.put("AWS_LAMBDA_FUNCTION_VERSION", LocalContext.VERSION);
        variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(function.memorySize()));
        variables.put("AWS_LAMBDA_LOG_GROUP_NAME", LocalContext.logGroupName(function.functionName()));
        variables.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        variables.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
        variables.put("_HANDLER", function.handler().toString());
        variables.put("TZ", ":UTC");
        return variables;
    }
}
