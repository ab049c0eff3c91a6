package io.pyairtable.local;

import io.pyairtable.local.lambda.LocalInvokeCommand;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** The {@code pyairtable-local} command line. */
public final class Main {
    static final int OK = 0;
    static final int USAGE_ERROR = 2;
    static final int START_FAILED = 1;

    static final String USAGE = """
            Usage: pyairtable-local [run] [options]          run the whole app locally until Ctrl-C
                   pyairtable-local invoke <LogicalId> [-e event.json] [options]
                                                            invoke one function once, like `sam local invoke`
            Options:
              --template FILE      SAM template (default: template.yaml)
              --data DIR           keep state between runs in DIR (default: .pyairtable)
              --in-memory          keep no state on disk
              --port N             HTTP API and frontend port (default 3000)
              --aws-port N         AWS endpoint for SDKs and the AWS CLI (default 4566)
              --airtable-port N    Airtable sandbox port (default 8787)
              --frontend DIR       built frontend served at / (default: frontend/dist when it exists)
              --parameter K=V      template parameter override (repeatable)
              --help               this text
            Environment:
              AIRTABLE_TOKEN       use the real Airtable with this personal access token instead of the sandbox
              AIRTABLE_API_URL     Airtable API URL with AIRTABLE_TOKEN (default https://api.airtable.com)
            Services: DynamoDB, S3 (with event notifications), Secrets Manager, Step Functions, SQS and Lambda's
            Invoke API behind one endpoint (AWS_ENDPOINT_URL=http://127.0.0.1:4566; S3 requests must be signed with
            the access key pyairtable-local / secret pyairtable-local-secret); Lambda functions and the HTTP API from
            the template.
            """;

    private Main() {}

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err, true);
        if (code != OK) {
            System.exit(code);
        }
    }

    /** Runs the command; with {@code block} a successful {@code run} serves until the JVM is stopped. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, boolean block) {
        List<String> rest = new ArrayList<>(List.of(args));
        String command = !rest.isEmpty() && !rest.get(0).startsWith("-") ? rest.remove(0) : "run";
        LocalCloudOptions options;
        String function = null;
        Path event = null;
        try {
            if (command.equals("invoke")) {
                if (rest.isEmpty() || rest.get(0).startsWith("-")) {
                    throw new IllegalArgumentException("invoke needs the function's logical id");
                }
                function = rest.remove(0);
                int e = rest.indexOf("-e");
                if (e >= 0) {
                    event = Path.of(valueAfter(rest, e, "-e"));
                    rest.subList(e, e + 2).clear();
                }
            } else if (!command.equals("run")) {
                throw new IllegalArgumentException("unknown command " + command);
            }
            options = parse(rest, env, out);
        } catch (HelpRequested help) {
            out.print(USAGE);
            return OK;
        } catch (IllegalArgumentException bad) {
            err.println("pyairtable-local: " + bad.getMessage());
            err.print(USAGE);
            return USAGE_ERROR;
        }
        if (command.equals("invoke")) {
            try (LocalCloud cloud = LocalCloud.start(options.withPorts(0, 0, 0).withLog(err))) {
                // as sam local invoke: what the function prints (its JSON log lines, EMF) on err, the response on out
                PrintStream stdout = System.out;
                System.setOut(err);
                try {
                    return new LocalInvokeCommand(cloud.lambdas()).run(function, event, out, err);
                } finally {
                    System.setOut(stdout);
                }
            }
        }
        LocalCloud cloud;
        try {
            cloud = LocalCloud.start(options);
        } catch (RuntimeException failure) {
            err.println("pyairtable-local: cannot start: " + failure.getMessage());
            return START_FAILED;
        }
        out.println(cloud.readyLine());
        out.flush();
        if (block) {
            Runtime.getRuntime().addShutdownHook(new Thread(cloud::close, "pyairtable-local-shutdown"));
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            cloud.close();
        }
        return OK;
    }

    private static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(null, null, false, false);
        }
    }

    static LocalCloudOptions parse(List<String> args, Map<String, String> env, PrintStream log) {
        Path template = Path.of("template.yaml");
        Path data = Path.of(".pyairtable");
        boolean inMemory = false;
        int api = 3000;
        int aws = 4566;
        int airtable = 8787;
        Path frontend = Files.isDirectory(Path.of("frontend/dist")) ? Path.of("frontend/dist") : null;
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            switch (option) {
                case "--help", "-h" -> throw new HelpRequested();
                case "--template" -> template = Path.of(valueAfter(args, i++, option));
                case "--data" -> data = Path.of(valueAfter(args, i++, option));
                case "--in-memory" -> inMemory = true;
                case "--port" -> api = port(valueAfter(args, i++, option), option);
                case "--aws-port" -> aws = port(valueAfter(args, i++, option), option);
                case "--airtable-port" -> airtable = port(valueAfter(args, i++, option), option);
                case "--frontend" -> frontend = Path.of(valueAfter(args, i++, option));
                case "--parameter" -> {
                    String pair = valueAfter(args, i++, option);
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--parameter needs KEY=VALUE, got " + pair);
                    }
                    parameters.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (!Files.isRegularFile(template)) {
            throw new IllegalArgumentException("template not found: " + template.toAbsolutePath());
        }
        LocalCloudOptions options = new LocalCloudOptions(template, inMemory ? null : data, "127.0.0.1", api, aws, airtable, frontend,
                parameters, null, null, log, 1.0);
        String token = env.get("AIRTABLE_TOKEN");
        if (token != null && !token.isBlank()) {
            options = options.withRealAirtable(token, env.get("AIRTABLE_API_URL"));
        }
        return options;
    }

    private static String valueAfter(List<String> args, int index, String option) {
        if (index + 1 >= args.size() || args.get(index + 1).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index + 1);
    }

    private static int port(String text, String option) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65_535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a port number (0-65535), got " + text);
        }
    }
}
