package io.pyairtable.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.LocalCloudOptions;
import io.pyairtable.local.lambda.InvocationResult;
import io.pyairtable.local.template.FunctionDefinition;
import io.pyairtable.local.template.LocalNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Cold-start numbers for docs/performance.md ("Cold start"), run by scripts/bench-cold-start: starts the local cloud
 * from the project's template in this JVM, then, for every function of the template, launches fresh JVMs whose
 * classpath is only that function's shaded jar and {@link ColdStartRunner} (copied to a directory of its own), with
 * the template's {@code JAVA_TOOL_OPTIONS}; each constructs the handler with the environment the local Lambda host
 * gives the function and serves one realistic first request against this local cloud. Prints each function's jar
 * size and the median over the runs of: JVM launch → handler constructed, constructed → first response, total;
 * then, in as many more JVMs whose environment says {@code snap-start}, the time the handler's SnapStart priming takes
 * after construction and the first response after it. Then the same for a bare {@link DynamoDbClient} on each SDK HTTP client ({@link HttpClientProbe}): build + first
 * {@code GetItem}. A benchmark, not a test.
 *
 * <p>Arguments: the template (default {@code ../template.yaml}), the repository root (default {@code ..}), runs
 * (default 5).
 */
public final class ColdStartBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "cold start pass phrase 1";
    /** The jars HttpClientProbe needs (by their path in the local Maven repository). */
    private static final List<String> SDK_CLASSPATH = List.of("/software/amazon/awssdk/", "/software/amazon/eventstream/",
            "/org/apache/httpcomponents/", "/commons-codec/", "/org/reactivestreams/", "/org/slf4j/");

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path template = Path.of(args.length > 0 ? args[0] : "../template.yaml").toAbsolutePath();
        Path root = Path.of(args.length > 1 ? args[1] : "..").toAbsolutePath().normalize();
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path work = Files.createTempDirectory("cold-start");
        Path runnerDir = copyClasses(work.resolve("runner"), ColdStartRunner.class);
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.forTests(template)
                .withLog(new PrintStream(PrintStream.nullOutputStream())))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String email = "cold-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            String credentials = JSON.createObjectNode().put("email", email).put("password", PASSWORD).toString();
            HttpResponse<String> registered = send(http, cloud, "POST", "/auth/register", null, credentials);
            check(registered.statusCode() == 201, "register: " + registered.body());
            String access = JSON.readTree(registered.body()).at("/tokens/accessToken").asText();
            Map<String, String> caller = caller(cloud, access);
            String conversation = "{\"title\":\"Cold start\"}";
            int assistantStatus = send(http, cloud, "POST", "/assistant/conversations", access, conversation).statusCode();

            System.out.println("Cold start: fresh JVM (classpath = the function's shaded jar + a runner class) → handler"
                    + " constructed (its Map constructor, the function's local environment) → first response;"
                    + " " + runs + " runs per function, medians; local cloud from " + root.relativize(template));
            System.out.println("Then the same with SnapStart priming run between construction and the request (what a"
                    + " restored environment has done before its first request; the restore itself is AWS-only)."
                    + " JAVA_TOOL_OPTIONS (template): " + cloud.lambdas().environment("HealthFunction")
                            .get("JAVA_TOOL_OPTIONS") + ". Load average before: " + loadAverage());
            System.out.printf(Locale.ROOT, "%-22s %7s %14s %14s %9s %11s %13s  %s%n", "function", "jar MB",
                    "JVM→construct", "construct→resp", "total", "priming", "primed→resp",
                    "request → outcome (JVM launch → main)");
            for (FunctionDefinition function : cloud.template().functions().values()) {
                Properties job = job(function, cloud, access, caller, credentials, conversation, assistantStatus);
                // a copy: a build running meanwhile may rewrite target/ (the size is the built jar's)
                Path jar = Files.copy(shadedJar(root, function), work.resolve(function.logicalId() + ".jar"));
                if (job == null) {
                    System.out.printf(Locale.ROOT, "%-22s %7.1f  skipped: no first request defined for %s%n",
                            function.logicalId(), megabytes(jar), function.handler().className());
                    continue;
                }
                Map<String, String> env = cloud.lambdas().environment(function.logicalId());
                env.forEach((name, value) -> job.setProperty("env." + name, value));
                job.setProperty("handler", function.handler().className());
                Path jobFile = work.resolve(function.logicalId() + ".properties");
                try (Writer out = Files.newBufferedWriter(jobFile, StandardCharsets.UTF_8)) {
                    job.store(out, null);
                }
                String classpath = jar + java.io.File.pathSeparator + runnerDir;
                long[][] cold = new long[runs][];
                long[][] primed = new long[runs][];
                String outcome = null;
                for (int run = 0; run < runs; run++) {
                    Map<String, String> line = launch(List.of(java(), "-cp", classpath,
                            ColdStartRunner.class.getName(), jobFile.toString()), env.get("JAVA_TOOL_OPTIONS"));
                    long launched = Long.parseLong(line.get("launched"));
                    long constructed = Long.parseLong(line.get("constructed"));
                    long responded = Long.parseLong(line.get("responded"));
                    cold[run] = new long[] {constructed - launched, responded - constructed, responded - launched,
                            Long.parseLong(line.get("entered")) - launched};
                    outcome = line.get("outcome").replace('_', ' ');
                }
                job.setProperty("prime", "true");
                job.setProperty("env.AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
                Path primedFile = work.resolve(function.logicalId() + "-primed.properties");
                try (Writer out = Files.newBufferedWriter(primedFile, StandardCharsets.UTF_8)) {
                    job.store(out, null);
                }
                for (int run = 0; run < runs; run++) {
                    Map<String, String> line = launch(List.of(java(), "-cp", classpath,
                            ColdStartRunner.class.getName(), primedFile.toString()), env.get("JAVA_TOOL_OPTIONS"));
                    long constructed = Long.parseLong(line.get("constructed"));
                    long primedAt = Long.parseLong(line.get("primed"));
                    primed[run] = new long[] {primedAt - constructed, Long.parseLong(line.get("responded")) - primedAt};
                }
                System.out.printf(Locale.ROOT, "%-22s %7.1f %11.0f ms %11.0f ms %6.0f ms %8.0f ms %10.0f ms  %s → %s"
                        + " (%.0f ms)%n", function.logicalId(), megabytes(jar), median(cold, 0), median(cold, 1),
                        median(cold, 2), median(primed, 0), median(primed, 1), job.getProperty("label"), outcome,
                        median(cold, 3));
                System.out.println("    runs (JVM→construct / construct→response ms): " + Arrays.stream(cold)
                        .map(s -> String.format(Locale.ROOT, "%.0f/%.0f", s[0] / 1e3, s[1] / 1e3))
                        .collect(Collectors.joining(", ")) + "; primed (priming / first response ms): "
                        + Arrays.stream(primed).map(s -> String.format(Locale.ROOT, "%.0f/%.0f", s[0] / 1e3, s[1] / 1e3))
                        .collect(Collectors.joining(", ")));
            }
            System.out.println("Load average after: " + loadAverage());
            httpClients(cloud, runs, work);
            System.out.println("Load average after: " + loadAverage());
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip() + " (" + Runtime.getRuntime().availableProcessors()
                    + " CPUs)";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The first request of each function; null for a handler without one. */
    private static Properties job(FunctionDefinition function, LocalCloud cloud, String access,
            Map<String, String> caller, String credentials, String conversation, int assistantStatus) {
        Properties job = new Properties();
        String handler = function.handler().className();
        switch (handler.substring(handler.lastIndexOf('.') + 1)) {
            case "HealthHandler" -> http(job, "GET /health", "/health", null, null, 200);
            case "AuthorizerHandler" -> {
                job.setProperty("kind", "authorizer");
                job.setProperty("route", "GET /bases");
                job.setProperty("path", "/bases");
                job.setProperty("token", access);
                job.setProperty("expect", "isAuthorized true");
                job.setProperty("label", "valid access token");
            }
            case "AuthHandler" -> http(job, "POST /auth/login", "/auth/login", credentials, null, 200);
            case "RecordsHandler" -> http(job, "GET /bases", "/bases", null, caller, 200);
            case "ImportsHandler" -> http(job, "GET /imports", "/imports", null, caller, 200);
            case "AssistantHandler" -> http(job, "POST /assistant/conversations", "/assistant/conversations",
                    conversation, caller, assistantStatus);
            case "ImportTriggerHandler" -> {
                // an upload event for an import that is not waiting (S3 redelivery): one GetItem, then ignored
                String key = "uploads/" + caller.get("sub") + "/" + UUID.randomUUID() + "/cold-start.csv";
                job.setProperty("kind", "s3");
                job.setProperty("bucket", cloud.lambdas().environment(function.logicalId()).get("IMPORTS_BUCKET"));
                job.setProperty("key", key);
                job.setProperty("expect", "0 file(s) handled");
                job.setProperty("label", "S3 upload event, no waiting import");
            }
            case "SagaHandler" -> {
                job.setProperty("kind", "map");
                job.setProperty("input.action", "finalize");
                job.setProperty("input.jobId", UUID.randomUUID().toString());
                job.setProperty("expect", "error ChangeRejectedException");
                job.setProperty("label", "finalize of an unknown job");
            }
            default -> {
                return null;
            }
        }
        return job;
    }

    private static void http(Properties job, String route, String path, String body, Map<String, String> caller,
            int status) {
        job.setProperty("kind", "http");
        job.setProperty("route", route);
        job.setProperty("path", path);
        if (body != null) {
            job.setProperty("body", body);
        }
        if (caller != null) {
            caller.forEach((name, value) -> job.setProperty("caller." + name, value));
        }
        job.setProperty("expect", "status " + status);
        job.setProperty("label", route + (caller != null ? " (authorized)" : ""));
    }

    /** The authorizer context the HTTP API would pass with {@code access}: from the local AuthorizerFunction. */
    private static Map<String, String> caller(LocalCloud cloud, String access) throws Exception {
        byte[] event = JSON.writeValueAsBytes(JSON.createObjectNode().put("version", "2.0").put("type", "REQUEST")
                .put("routeKey", "GET /bases").put("rawPath", "/bases")
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("identitySource",
                        JSON.createArrayNode().add("Bearer " + access))
                .set("headers", JSON.createObjectNode().put("authorization", "Bearer " + access)));
        InvocationResult result = cloud.lambdas().invokeAsync("AuthorizerFunction", event).get();
        JsonNode decision = JSON.readTree(result.payload());
        check(decision.path("isAuthorized").asBoolean(), "authorizer: " + decision);
        Map<String, String> context = new LinkedHashMap<>();
        decision.get("context").fields().forEachRemaining(e -> context.put(e.getKey(), e.getValue().asText()));
        return context;
    }

    /** url-connection vs the other SDK HTTP clients: a DynamoDbClient built and its first GetItem, fresh JVMs. */
    private static void httpClients(LocalCloud cloud, int runs, Path work) throws Exception {
        String table = "cold-start-http-clients";
        try (DynamoDbClient db = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(cloud.awsUrl()).region(Region.of(LocalNames.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
            db.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)));
            db.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("cold-start"),
                    "payload", AttributeValue.fromS("x".repeat(200)))));
        }
        // the probe, the SDK and the HTTP clients' libraries only: not the local cloud's 150 jars
        String separator = java.io.File.pathSeparator;
        String classpath = copyClasses(work.resolve("probe"), HttpClientProbe.class) + separator
                + Arrays.stream(System.getProperty("java.class.path").split(separator))
                        .filter(entry -> SDK_CLASSPATH.stream().anyMatch(entry::contains))
                        .collect(Collectors.joining(separator));
        String flags = cloud.lambdas().environment("HealthFunction").get("JAVA_TOOL_OPTIONS");
        System.out.println();
        System.out.println("AWS SDK HTTP client, fresh JVM (the SDK's jars only), DynamoDbClient built on it →"
                + " first GetItem of an existing item on the local DynamoDB; " + runs + " runs, medians:");
        System.out.printf(Locale.ROOT, "%-16s %16s %16s %9s%n", "client", "JVM→client built", "built→GetItem",
                "total");
        for (String kind : List.of("url-connection", "apache", "apache5", "aws-crt")) {
            long[][] samples = new long[runs][];
            String failure = null;
            for (int run = 0; run < runs && failure == null; run++) {
                try {
                    Map<String, String> line = launch(List.of(java(), "-cp", classpath,
                            HttpClientProbe.class.getName(), kind, cloud.awsUrl().toString(), LocalNames.REGION, table),
                            flags);
                    long launched = Long.parseLong(line.get("launched"));
                    long created = Long.parseLong(line.get("created"));
                    long responded = Long.parseLong(line.get("responded"));
                    samples[run] = new long[] {created - launched, responded - created, responded - launched};
                } catch (IllegalStateException e) {
                    failure = e.getMessage();
                }
            }
            if (failure != null) {
                System.out.printf(Locale.ROOT, "%-16s not measured: %s%n", kind, failure);
                continue;
            }
            System.out.printf(Locale.ROOT, "%-16s %13.0f ms %13.0f ms %6.0f ms%n", kind, median(samples, 0),
                    median(samples, 1), median(samples, 2));
        }
    }

    /** Runs a fresh JVM; returns the key=value pairs of its last stdout line. */
    private static Map<String, String> launch(List<String> command, String javaToolOptions) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (javaToolOptions != null) {
            builder.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
        } else {
            builder.environment().remove("JAVA_TOOL_OPTIONS");
        }
        Path errors = Files.createTempFile("cold-start", ".err");
        builder.redirectError(errors.toFile());
        long launched = micros();
        Process process = builder.start();
        String out;
        try (InputStream in = process.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        String err = Files.readString(errors);
        Files.delete(errors);
        String[] lines = out.strip().split("\n");
        String last = lines[lines.length - 1];
        if (process.exitValue() != 0 || !last.contains("=")) {
            throw new IllegalStateException("exit " + process.exitValue() + ": " + last + " "
                    + err.lines().filter(l -> !l.startsWith("Picked up")).limit(5).collect(Collectors.joining(" | ")));
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("launched", String.valueOf(launched));
        for (String part : last.split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                values.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return values;
    }

    /** A class (and its nested classes) in a directory of its own, so that a probe's classpath holds nothing else. */
    private static Path copyClasses(Path dir, Class<?> type) throws IOException {
        String prefix = type.getSimpleName();
        Path compiled = Path.of(URI.create(type.getResource(prefix + ".class").toString())).getParent();
        Path target = dir.resolve(type.getPackageName().replace('.', '/'));
        Files.createDirectories(target);
        try (DirectoryStream<Path> classes = Files.newDirectoryStream(compiled, prefix + "*.class")) {
            for (Path file : classes) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return dir;
    }

    private static Path shadedJar(Path root, FunctionDefinition function) throws IOException {
        Path targetDir = root.resolve(function.codeUri()).resolve("target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(targetDir, "*-lambda.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IllegalStateException("no shaded jar in " + targetDir + " (run ./mvnw install first)");
    }

    private static double megabytes(Path jar) throws IOException {
        return Files.size(jar) / 1e6;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static double median(long[][] samples, int column) {
        List<Long> values = new ArrayList<>();
        for (long[] sample : samples) {
            values.add(sample[column]);
        }
        values.sort(null);
        int n = values.size();
        double micros = n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2.0;
        return micros / 1e3;
    }

    private static long micros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private static HttpResponse<String> send(HttpClient http, LocalCloud cloud, String method, String path,
            String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(cloud.apiUrl().resolve(path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("unexpected: " + what);
        }
    }
}
