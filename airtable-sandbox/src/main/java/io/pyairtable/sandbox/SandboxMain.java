package io.pyairtable.sandbox;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox from the command line until the process is killed.
 *
 * <pre>
 * java -jar airtable-sandbox-standalone.jar [--port N] [--host H] [--data FILE | --in-memory] [--no-seed]
 *                                           [--rate-limit N] [--penalty-seconds N] [--admin] [--help]
 * </pre>
 *
 * Prints exactly one ready line to stdout. Exit code 2 for invalid options.
 */
public final class SandboxMain {

    /** Exit code for invalid command line options. */
    static final int USAGE_ERROR = 2;

    static final String USAGE = """
            Usage: airtable-sandbox [options]
              --port N             TCP port (default 8787; 0 = any free port)
              --host HOST          interface to bind (default 127.0.0.1)
              --data FILE          JSON data file, loaded at start and saved after every write (default: in memory)
              --in-memory          keep data in memory only (overrides an earlier --data)
              --no-seed            do not create the "Demo CRM" demo base
              --rate-limit N       requests per second per base (default 5; 0 disables rate limiting)
              --penalty-seconds N  how long requests are rejected after a 429 (default 30)
              --admin              serve the fault injection admin routes /_sandbox/faults (no token needed)
              --help               show this help
            """;

    private SandboxMain() {
    }

    /** The result of {@link #launch}: an exit code to end with, or the running sandbox. */
    record Launch(int exitCode, AirtableSandbox sandbox) {

        boolean running() {
            return sandbox != null;
        }
    }

    public static void main(String[] args) {
        Launch launch = launch(args, System.out, System.err);
        if (!launch.running()) {
            System.exit(launch.exitCode());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(launch.sandbox()::close, "airtable-sandbox-shutdown"));
        try {
            new CountDownLatch(1).await(); // serve until killed; the shutdown hook closes the sandbox
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Parses the options and starts the sandbox, printing the ready line.
     *
     * @return exit code 0 after {@code --help}, 2 for invalid options, 1 if the server cannot
     *     start; otherwise the running sandbox
     */
    static Launch launch(String[] args, PrintStream out, PrintStream err) {
        AirtableSandbox.Builder builder;
        try {
            builder = parse(args);
        } catch (IllegalArgumentException bad) {
            err.println("airtable-sandbox: " + bad.getMessage());
            err.print(USAGE);
            return new Launch(USAGE_ERROR, null);
        }
        if (builder == null) {
            out.print(USAGE);
            return new Launch(0, null);
        }
        AirtableSandbox sandbox;
        try {
            sandbox = builder.start();
        } catch (RuntimeException startFailure) {
            err.println("airtable-sandbox: " + startFailure.getMessage());
            return new Launch(1, null);
        }
        out.println("Airtable sandbox ready at " + sandbox.baseUrl() + " (demo base " + sandbox.demoBaseId()
                + ", token " + sandbox.demoToken() + ")");
        out.flush();
        return new Launch(0, sandbox);
    }

    /** The configured builder, or {@code null} for {@code --help}. */
    static AirtableSandbox.Builder parse(String[] args) {
        AirtableSandbox.Builder builder = AirtableSandbox.builder().port(8787);
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--no-seed" -> builder.seedDemoBase(false);
                case "--admin" -> builder.adminEndpoints(true);
                case "--port" -> builder.port(intValue(option, value(args, ++i, option), 0, 65_535));
                case "--host" -> builder.host(value(args, ++i, option));
                case "--data" -> builder.dataFile(Path.of(value(args, ++i, option)));
                case "--in-memory" -> builder.dataFile(null);
                case "--rate-limit" -> builder.requestsPerSecondPerBase(
                        intValue(option, value(args, ++i, option), 0, 1_000_000));
                case "--penalty-seconds" -> builder.penalty(Duration.ofSeconds(
                        intValue(option, value(args, ++i, option), 0, 86_400)));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return builder;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int intValue(String option, String text, int min, int max) {
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException(option + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got \"" + text + "\"");
        }
    }
}
