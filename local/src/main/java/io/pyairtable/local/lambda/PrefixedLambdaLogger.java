package io.pyairtable.local.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** {@link LambdaLogger} writing each line as {@code [FunctionName] line}, so interleaved function logs stay readable. */
final class PrefixedLambdaLogger implements LambdaLogger {
    private final String prefix;
    private final PrintStream out;

    PrefixedLambdaLogger(String functionName, PrintStream out) {
        this.prefix = "[" + functionName + "] ";
        this.out = out;
    }

    @Override
    public void log(String message) {
        String text = message == null ? "null" : message;
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        StringBuilder lines = new StringBuilder(text.length() + prefix.length() + 1);
        for (String line : text.split("\r?\n", -1)) {
            lines.append(prefix).append(line).append(System.lineSeparator());
        }
        out.print(lines);
        out.flush();
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }
}
