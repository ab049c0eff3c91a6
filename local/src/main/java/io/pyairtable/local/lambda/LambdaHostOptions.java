package io.pyairtable.local.lambda;

import io.pyairtable.local.metrics.LocalMetrics;
import java.io.PrintStream;
import java.util.Map;

/**
 * How the {@link LambdaHost} runs functions.
 *
 * @param classLoader loads the handler classes (and becomes the invocation threads' context class loader)
 * @param environment variables added to every function's environment (endpoints such as {@code AWS_ENDPOINT_URL},
 *     dummy credentials...), overriding the template's
 * @param functionEnvironment per function logical id, variables overriding everything else
 * @param log where function logs ({@code LambdaLogger}) and host messages go
 * @param metrics where the EMF lines the functions print while they run are counted
 *     ({@link io.pyairtable.local.metrics.EmfCapture}), or null
 */
public record LambdaHostOptions(ClassLoader classLoader, Map<String, String> environment,
        Map<String, Map<String, String>> functionEnvironment, PrintStream log, LocalMetrics metrics) {
    public LambdaHostOptions {
        environment = Map.copyOf(environment);
        functionEnvironment = Map.copyOf(functionEnvironment);
    }

    /** The current thread's context class loader, no overrides, logs to standard output. */
    public static LambdaHostOptions defaults() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return new LambdaHostOptions(loader != null ? loader : LambdaHost.class.getClassLoader(), Map.of(), Map.of(),
                System.out, null);
    }

    public LambdaHostOptions withClassLoader(ClassLoader loader) {
        return new LambdaHostOptions(loader, environment, functionEnvironment, log, metrics);
    }

    public LambdaHostOptions withEnvironment(Map<String, String> variables) {
        return new LambdaHostOptions(classLoader, variables, functionEnvironment, log, metrics);
    }

    public LambdaHostOptions withFunctionEnvironment(Map<String, Map<String, String>> variables) {
        return new LambdaHostOptions(classLoader, environment, variables, log, metrics);
    }

    public LambdaHostOptions withLog(PrintStream out) {
        return new LambdaHostOptions(classLoader, environment, functionEnvironment, out, metrics);
    }

    public LambdaHostOptions withMetrics(LocalMetrics sink) {
        return new LambdaHostOptions(classLoader, environment, functionEnvironment, log, sink);
    }
}
