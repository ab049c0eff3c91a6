package io.pyairtable.local.lambda;

import io.pyairtable.local.template.FunctionDefinition;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code pyairtable-local invoke <LogicalId> [-e events/x.json]}: invokes one function once and prints like
 * {@code sam local invoke}: the START/END/REPORT lines (and the function's logs) on {@code err}, the response (or the
 * error JSON) on one line on {@code out}.
 */
public final class LocalInvokeCommand {
    /** Exit codes: success, function error (including timeout), bad usage (unknown function, unreadable event). */
    public static final int OK = 0;
    public static final int FUNCTION_ERROR = 1;
    public static final int USAGE_ERROR = 2;

    private final LambdaHost host;

    public LocalInvokeCommand(LambdaHost host) {
        this.host = host;
    }

    /**
     * @param function logical id (or function name, or ARN)
     * @param eventFile the event JSON; null invokes with {@code {}} like {@code sam local invoke --no-event}
     */
    public int run(String function, Path eventFile, PrintStream out, PrintStream err) {
        FunctionDefinition definition;
        byte[] event;
        try {
            definition = host.function(function);
            event = eventFile == null ? "{}".getBytes(StandardCharsets.UTF_8) : Files.readAllBytes(eventFile);
        } catch (UnknownFunctionException e) {
            err.println("Error: " + e.getMessage() + ". Functions: " + String.join(", ", host.template().functions().keySet()));
            return USAGE_ERROR;
        } catch (IOException e) {
            err.println("Error: cannot read event file " + eventFile + ": " + e.getMessage());
            return USAGE_ERROR;
        }
        String requestId = UUID.randomUUID().toString();
        err.println("Invoking " + definition.handler() + " (" + definition.runtime() + ")");
        err.println("START RequestId: " + requestId + " Version: " + LocalContext.VERSION);
        InvocationResult result = host.invokeAsync(definition.logicalId(), event, requestId).join();
        err.println("END RequestId: " + requestId);
        err.println(reportLine(definition, result));
        out.println(result.payloadAsString());
        out.flush();
        return result.isError() ? FUNCTION_ERROR : OK;
    }

    private static String reportLine(FunctionDefinition definition, InvocationResult result) {
        double millis = result.duration().toNanos() / 1e6;
        long billed = Math.max(1, (long) Math.ceil(millis));
        Runtime runtime = Runtime.getRuntime();
        long usedMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
        StringBuilder line = new StringBuilder("REPORT RequestId: ").append(result.requestId());
        if (!result.initDuration().isZero()) {
            line.append("\tInit Duration: ").append(format(result.initDuration().toNanos() / 1e6)).append(" ms");
        }
        return line.append("\tDuration: ").append(format(millis)).append(" ms")
                .append("\tBilled Duration: ").append(billed).append(" ms")
                .append("\tMemory Size: ").append(definition.memorySize()).append(" MB")
                .append("\tMax Memory Used: ").append(usedMb).append(" MB").toString();
    }

    private static String format(double millis) {
        return String.format(Locale.ROOT, "%.2f", millis);
    }
}
