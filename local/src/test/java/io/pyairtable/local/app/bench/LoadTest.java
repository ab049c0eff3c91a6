package io.pyairtable.local.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pyairtable.functions.core.AwsClients;
import io.pyairtable.functions.core.Env;
import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.LocalCloudOptions;
import io.pyairtable.sandbox.FieldSpec;
import io.pyairtable.sandbox.TableSpec;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * A load test of the whole system for docs/performance.md ("Load test"): the project's template in the local cloud
 * (in memory, in this JVM) against the sandbox with Airtable's limits enforced (5 req/s per base, 50 per token, 30 s
 * penalty after a 429), driven over HTTP for {@code --minutes N} (default 5) by {@code --users N} virtual users
 * (default 8), each with its own HTTP client and account. A user registers once, then loops: a think time of
 * 0.2–1.0 s, then one action drawn from a fixed mix (weights out of 100): 20 record list reads of the demo base (six
 * shapes: page size, sort, structured filter, view, field list, and a page followed by its offset), 5 one-record
 * reads, 8 {@code GET /bases}, 8 schema reads, 26 {@code GET /auth/me}, 12 {@code GET /imports}, 10 write cycles
 * (POST 3 records, think, PATCH them, think, DELETE them — in the table "Scratch" of a scratch base the test creates,
 * its own 5 req/s budget), 8 token refreshes, 3 logins. One more user imports a 20-row CSV into the demo base's
 * Contacts every 30 s (POST /imports, the presigned PUT, GET /imports/{id} every 500 ms until a terminal status),
 * then finds its rows by a marker and deletes them through the API, so the demo base ends as it started — checked
 * at the end against a snapshot of every record taken before the load (and the scratch table must be empty).
 *
 * <p>Errors: any 5xx, any connection failure or timeout (60 s), any other status than the one the route documents
 * for the request, an answer without the expected content, an import that does not reach SUCCEEDED with all its
 * rows applied. The API's documented "rate budget busy" answer (503 AIRTABLE_RATE_LIMITED with Retry-After) is an
 * error and is also counted on its own. Memory: every 30 s the used heap after an explicit GC (the least of three
 * readings 0.2 s apart, so that a password hash in progress is not counted) and the thread count; with them the
 * DynamoDB items (state the system keeps by design: sessions, refresh tokens, import jobs).
 *
 * <p>Exit status 1 when the error rate is 0.1% or more, the demo base did not end as it started, the after-GC heap
 * of the last minute is more than 10% above the first minute's, or the last minute's peak thread count more than 10%
 * above the first minute's. Not a unit test: {@code scripts/load-test}
 * runs its {@code main}.
 */
public final class LoadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrintStream OUT = System.out;
    private static final String PASSWORD = "violet kettle orbit 42";
    private static final List<String> TABLES = List.of("Companies", "Contacts", "Deals");
    private static final long THINK_MIN_MS = 200;
    private static final long THINK_MAX_MS = 1_000;
    private static final long IMPORT_EVERY_MS = 30_000;
    private static final int IMPORT_ROWS = 20;
    private static final long SAMPLE_EVERY_MS = 30_000;
    private static final double MAX_ERROR_RATE = 0.001;
    private static final double MAX_HEAP_GROWTH = 0.10;
    /** Actions and their weights (out of 100). */
    private static final String[] ACTIONS = {"records", "record", "bases", "tables", "me", "imports", "write",
        "refresh", "login"};
    private static final int[] WEIGHTS = {20, 5, 8, 8, 26, 12, 10, 8, 3};

    private final LocalCloud cloud;
    private final String demoBase;
    private final String scratchBase;
    private final LoadStats stats = new LoadStats();
    private final DynamoDbClient dynamoDb;
    private final Set<String> liveRows = ConcurrentHashMap.newKeySet();
    private final List<Double> importSeconds = new ArrayList<>();
    private volatile long deadline;
    private List<String> dealIds;

    private LoadTest(LocalCloud cloud) {
        this.cloud = cloud;
        this.demoBase = cloud.sandbox().demoBaseId();
        this.dynamoDb = new AwsClients(new Env(Map.of("AWS_ENDPOINT_URL", cloud.awsUrl().toString(), "AWS_REGION",
                "us-east-1", "AWS_ACCESS_KEY_ID", "pyairtable-local", "AWS_SECRET_ACCESS_KEY", "pyairtable-local-secret")))
                .dynamoDb();
        this.scratchBase = cloud.sandbox().createBase("Load test scratch", List.of(new TableSpec("Scratch",
                List.of(FieldSpec.text("Name"), FieldSpec.text("Stage"), FieldSpec.number("Amount", 0),
                        FieldSpec.number("Hours", 0)))));
    }

    public static void main(String[] args) throws Exception {
        Path template = Path.of("../template.yaml");
        int minutes = 5;
        int users = 8;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--minutes" -> minutes = positive(args, ++i);
                case "--users" -> users = positive(args, ++i);
                default -> {
                    if (args[i].startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + args[i]
                                + " (usage: LoadTest [template.yaml] [--minutes N] [--users N])");
                    }
                    template = Path.of(args[i]);
                }
            }
        }
        // the functions' structured logs (one JSON line per request, as CloudWatch would get) go to a file, not
        // between the report's lines
        Path log = Path.of("target", "load-test-functions.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        boolean passed;
        try (PrintStream functions = new PrintStream(new BufferedOutputStream(Files.newOutputStream(log)), false,
                StandardCharsets.UTF_8)) {
            System.setOut(functions);
            try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.forTests(template))) {
                passed = new LoadTest(cloud).run(minutes, users);
            } finally {
                System.setOut(OUT);
            }
        }
        OUT.println("functions' log lines: " + log);
        System.exit(passed ? 0 : 1);
    }

    private static int positive(String[] args, int i) {
        int value = i < args.length ? Integer.parseInt(args[i]) : 0;
        if (value <= 0) {
            throw new IllegalArgumentException(args[i - 1] + " needs a positive number");
        }
        return value;
    }

    private boolean run(int minutes, int users) throws Exception {
        Client checker = new Client("load-check");
        checker.register(null);
        Map<String, String> before = snapshot(checker);
        dealIds = new ArrayList<>();
        JSON.readTree(checker.call("GET", recordsPath("Deals") + "?pageSize=100", null).body()).get("records")
                .forEach(r -> dealIds.add(r.get("id").asText()));
        long sandboxRequests = cloud.sandbox().requestsServed();
        long sandbox429 = cloud.sandbox().rateLimitedResponses();

        List<Client> clients = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            clients.add(new Client("load-u" + u));
        }
        Client importer = new Client("load-import");
        long start = System.nanoTime();
        deadline = start + Duration.ofMinutes(minutes).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (Client client : clients) {
            threads.add(new Thread(() -> user(client), "load-user-" + client.name));
        }
        threads.add(new Thread(() -> importer(importer, start), "load-importer"));
        threads.forEach(Thread::start);

        List<double[]> samples = new ArrayList<>();
        Map<String, Long> itemsAtStart = items();
        long durationMs = Duration.ofMinutes(minutes).toMillis();
        for (long at = 0; at <= durationMs; at += SAMPLE_EVERY_MS) {
            long wait = at - (System.nanoTime() - start) / 1_000_000;
            if (wait > 0) {
                Thread.sleep(wait);
            }
            double[] sample = sample((System.nanoTime() - start) / 1e9);
            samples.add(sample);
            OUT.printf(Locale.ROOT, "t=%4.0f s: %d requests, %d errors; heap after GC %.1f MB, threads %.0f; DynamoDB items %d%n",
                    sample[0], stats.requests(), stats.errors(), sample[1], sample[2],
                    items().values().stream().mapToLong(Long::longValue).sum());
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] afterLoad = sample(seconds);
        Map<String, Long> itemsAtEnd = items();

        int leftovers = liveRows.size();
        if (!liveRows.isEmpty()) {
            deleteRows(checker, List.copyOf(liveRows));
        }
        Map<String, String> after = snapshot(checker);
        HttpResponse<String> scratch = checker.call("GET", scratchPath() + "?pageSize=10", null);
        boolean restored = before.equals(after) && scratch.statusCode() == 200
                && json(scratch.body()).get("records").isEmpty();

        return report(minutes, users, seconds, samples, afterLoad, itemsAtStart, itemsAtEnd, restored, leftovers,
                cloud.sandbox().requestsServed() - sandboxRequests, cloud.sandbox().rateLimitedResponses() - sandbox429);
    }

    // ---- the virtual users ----

    private void user(Client client) {
        try {
            pause(ThreadLocalRandom.current().nextLong(0, THINK_MAX_MS));
            if (!client.register(stats)) {
                return;
            }
            while (System.nanoTime() < deadline) {
                think();
                if (System.nanoTime() >= deadline) {
                    break;
                }
                String action = pick();
                try {
                    act(client, action);
                } catch (RuntimeException e) {
                    stats.failure(action, "the check of an answer failed: " + e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void act(Client client, String action) throws InterruptedException {
        switch (action) {
            case "records" -> readRecords(client);
            case "record" -> client.expect("GET …/records/{id}", "GET", recordsPath("Deals") + "/"
                    + dealIds.get(ThreadLocalRandom.current().nextInt(dealIds.size())), null, 200, "\"id\":\"rec");
            case "bases" -> client.expect("GET /bases", "GET", "/bases", null, 200, demoBase);
            case "tables" -> client.expect("GET /bases/{id}/tables", "GET", "/bases/" + demoBase + "/tables",
                    null, 200, "\"name\":\"Deals\"");
            case "me" -> client.expect("GET /auth/me", "GET", "/auth/me", null, 200, client.email);
            case "imports" -> client.expect("GET /imports", "GET", "/imports", null, 200, "\"imports\"");
            case "write" -> writeCycle(client);
            case "refresh" -> client.refresh();
            case "login" -> client.login();
            default -> throw new IllegalStateException();
        }
    }

    private static String pick() {
        int total = Arrays.stream(WEIGHTS).sum();
        int r = ThreadLocalRandom.current().nextInt(total);
        for (int i = 0; i < WEIGHTS.length; i++) {
            r -= WEIGHTS[i];
            if (r < 0) {
                return ACTIONS[i];
            }
        }
        throw new IllegalStateException();
    }

    /** One list read of the demo base, of one of six shapes; the paged one follows the offset once. */
    private void readRecords(Client client) {
        String op = "GET …/records";
        switch (ThreadLocalRandom.current().nextInt(6)) {
            case 0 -> client.expect(op, "GET", recordsPath("Deals") + "?pageSize=10&sort=Amount:desc", null, 200,
                    "\"records\"");
            case 1 -> client.expect(op, "GET", recordsPath("Deals") + "?pageSize=20&filter="
                    + encode("{\"field\":\"Stage\",\"op\":\"eq\",\"value\":\"Won\"}"), null, 200, "\"records\"");
            case 2 -> client.expect(op, "GET", recordsPath("Deals") + "?pageSize=25&sort=Close%20Date&filter="
                    + encode("{\"and\":[{\"field\":\"Amount\",\"op\":\"gte\",\"value\":10000},{\"or\":["
                            + "{\"field\":\"Owner\",\"op\":\"eq\",\"value\":\"Maya Chen\"},"
                            + "{\"field\":\"Name\",\"op\":\"contains\",\"value\":\"acme\"}]}]}"), null, 200, "\"records\"");
            case 3 -> client.expect(op, "GET", recordsPath("Contacts") + "?pageSize=20&fields=Name&fields=Title&sort=Name",
                    null, 200, "\"records\"");
            case 4 -> client.expect(op, "GET", recordsPath("Deals") + "?view=" + encode("Open deals") + "&pageSize=10",
                    null, 200, "\"records\"");
            default -> {
                HttpResponse<String> first = client.expect(op, "GET", recordsPath("Companies") + "?pageSize=5", null,
                        200, "\"records\"");
                String offset = first == null ? null : json(first.body()).path("offset").asText(null);
                if (offset != null) {
                    client.expect(op, "GET", recordsPath("Companies") + "?pageSize=5&offset=" + encode(offset), null,
                            200, "\"records\"");
                }
            }
        }
    }

    /** POST three rows to the scratch table, PATCH them, DELETE them, thinking between the steps. */
    private void writeCycle(Client client) throws InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode rows = body.putArray("records");
        String marker = "LoadTest " + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            rows.addObject().putObject("fields").put("Name", marker + " " + i).put("Stage", "Lead")
                    .put("Amount", 1_000 + i).put("Hours", i + 1);
        }
        HttpResponse<String> created = client.expect("POST …/records (3)", "POST", scratchPath(),
                body.toString(), 201, marker);
        if (created == null) {
            return;
        }
        List<String> ids = new ArrayList<>();
        json(created.body()).get("records").forEach(r -> ids.add(r.get("id").asText()));
        liveRows.addAll(ids);
        think();
        ObjectNode patch = JSON.createObjectNode();
        ArrayNode updates = patch.putArray("records");
        ids.forEach(id -> updates.addObject().put("id", id).putObject("fields").put("Stage", "Qualified")
                .put("Amount", 2_000));
        client.expect("PATCH …/records (3)", "PATCH", scratchPath(), patch.toString(), 200, "Qualified");
        think();
        HttpResponse<String> deleted = client.expect("DELETE …/records?ids= (3)", "DELETE", scratchPath()
                + "?ids=" + String.join(",", ids), null, 200, ids.get(ids.size() - 1));
        if (deleted != null) {
            ids.forEach(liveRows::remove);
        }
    }

    /** Every 30 s (first after 10 s): a 20-row CSV import into Contacts, followed to SUCCEEDED, then its rows deleted. */
    private void importer(Client client, long start) {
        try {
            if (!client.register(stats)) {
                return;
            }
            for (int n = 0; ; n++) {
                long at = start + Duration.ofMillis(10_000 + n * IMPORT_EVERY_MS).toNanos();
                if (at >= deadline) {
                    return;
                }
                pause((at - System.nanoTime()) / 1_000_000);
                try {
                    importOnce(client, n);
                } catch (RuntimeException e) {
                    stats.failure("import", "the check of an answer failed: " + e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void importOnce(Client client, int n) throws InterruptedException {
        String marker = "LoadImport " + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder("Name,Email,Title\n");
        for (int i = 1; i <= IMPORT_ROWS; i++) {
            csv.append(marker).append(" row ").append(i).append(",load").append(n).append('.').append(i)
                    .append("@example.com,Tester\n");
        }
        String request = JSON.createObjectNode().put("baseId", demoBase).put("table", "Contacts")
                .put("fileName", "load-" + n + ".csv").put("contentType", "text/csv").put("mode", "create").toString();
        long begin = System.nanoTime();
        HttpResponse<String> created = client.expect("POST /imports", "POST", "/imports", request, 201, "uploadUrl");
        if (created == null) {
            stats.failure("import", "not created");
            return;
        }
        JsonNode job = json(created.body());
        String id = job.get("importId").asText();
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(job.get("uploadUrl").asText()))
                .timeout(Duration.ofSeconds(60)).PUT(HttpRequest.BodyPublishers.ofString(csv.toString()));
        job.get("uploadHeaders").fields().forEachRemaining(h -> put.header(h.getKey(), h.getValue().asText()));
        if (client.send("PUT upload (presigned S3)", put.build(), 200, "") == null) {
            stats.failure("import", id + " upload failed");
            return;
        }
        long waitUntil = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < waitUntil) {
            pause(500);
            HttpResponse<String> polled = client.expect("GET /imports/{id}", "GET", "/imports/" + id, null, 200,
                    "\"status\"");
            if (polled != null) {
                last = json(polled.body());
                String status = last.get("status").asText();
                if (Set.of("REJECTED", "SUCCEEDED", "ROLLED_BACK", "ROLLBACK_FAILED", "CANCELLED").contains(status)) {
                    break;
                }
            }
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        if (last != null && "SUCCEEDED".equals(last.get("status").asText())
                && last.at("/counts/applied").asLong() == IMPORT_ROWS) {
            synchronized (importSeconds) {
                importSeconds.add(seconds);
            }
        } else {
            stats.failure("import", id + " did not reach SUCCEEDED with " + IMPORT_ROWS + " rows applied: "
                    + (last == null ? "no answer" : abbreviate(last.toString())));
        }
        // the rows it wrote (whatever its outcome), found by the marker and deleted through the API
        HttpResponse<String> found = client.expect("GET …/records (import clean-up)", "GET", recordsPath("Contacts")
                + "?pageSize=100&fields=Name&filter=" + encode(JSON.createObjectNode().put("field", "Name")
                        .put("op", "contains").put("value", marker).toString()), null, 200, "\"records\"");
        if (found == null) {
            return;
        }
        List<String> ids = new ArrayList<>();
        json(found.body()).get("records").forEach(r -> ids.add(r.get("id").asText()));
        if (ids.size() != IMPORT_ROWS) {
            stats.failure("import", id + ": " + ids.size() + " rows found after the import instead of " + IMPORT_ROWS);
        }
        if (!ids.isEmpty()) {
            client.expect("DELETE …/records?ids= (import clean-up)", "DELETE", recordsPath("Contacts") + "?ids="
                    + String.join(",", ids), null, 200, ids.get(0));
        }
    }

    // ---- before/after ----

    /** Every record of the demo base (id → fields), through the API. */
    private Map<String, String> snapshot(Client client) throws Exception {
        Map<String, String> records = new TreeMap<>();
        for (String table : TABLES) {
            String offset = null;
            do {
                HttpResponse<String> page = client.call("GET", recordsPath(table) + "?pageSize=100"
                        + (offset == null ? "" : "&offset=" + encode(offset)), null);
                if (page.statusCode() != 200) {
                    throw new IllegalStateException("snapshot of " + table + ": " + page.statusCode() + " " + page.body());
                }
                JsonNode body = json(page.body());
                body.get("records").forEach(r -> records.put(table + "/" + r.get("id").asText(), r.get("fields").toString()));
                offset = body.path("offset").asText(null);
            } while (offset != null);
        }
        return records;
    }

    private void deleteRows(Client client, List<String> ids) throws Exception {
        for (int i = 0; i < ids.size(); i += 100) {
            HttpResponse<String> deleted = client.call("DELETE", scratchPath() + "?ids="
                    + String.join(",", ids.subList(i, Math.min(ids.size(), i + 100))), null);
            if (deleted.statusCode() != 200) {
                OUT.println("clean-up of leftover rows failed: " + deleted.statusCode() + " " + deleted.body());
            }
        }
    }

    // ---- memory ----

    /**
     * {seconds, used heap after an explicit GC (MB), live threads}. The heap is the smallest of three after-GC readings
     * 0.2 s apart: a password hash in progress holds Argon2's 19 MiB block, which is live but not retained.
     */
    private static double[] sample(double seconds) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            if (i > 0) {
                Thread.sleep(200);
            }
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return new double[] {seconds, used / 1048576.0, ManagementFactory.getThreadMXBean().getThreadCount()};
    }

    /** Items per DynamoDB table of the template (Scan with Select COUNT through the AWS endpoint). */
    private Map<String, Long> items() {
        Map<String, Long> counts = new TreeMap<>();
        cloud.template().tables().forEach((logicalId, table) -> {
            long n = 0;
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> start = null;
            do {
                ScanResponse page = dynamoDb.scan(ScanRequest.builder().tableName(table.tableName()).select(Select.COUNT)
                        .exclusiveStartKey(start).build());
                n += page.count();
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            counts.put(logicalId, n);
        });
        return counts;
    }

    // ---- the report ----

    private boolean report(int minutes, int users, double seconds, List<double[]> samples, double[] afterLoad,
            Map<String, Long> itemsAtStart, Map<String, Long> itemsAtEnd, boolean restored, int leftovers, long sandboxRequests, long sandbox429) {
        long requests = stats.requests();
        long errors = stats.errors();
        double errorRate = requests == 0 ? 1 : (double) errors / requests;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n==== load test: %d min, %d users + 1 importer, %d cores, JDK %s, max heap %d MB ====%n",
                minutes, users, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / 1048576));
        out.append(String.format(Locale.ROOT, "duration %.1f s; requests %d; %.2f requests/s%n", seconds, requests,
                requests / seconds));
        out.append(String.format(Locale.ROOT, "errors %d (%.3f%%, target < %.1f%%)%s; of them 503 AIRTABLE_RATE_LIMITED "
                + "(budget busy, Retry-After): %d%n", errors, errorRate * 100, MAX_ERROR_RATE * 100,
                stats.errorsByOp().isEmpty() ? "" : " by operation " + new TreeMap<>(stats.errorsByOp()),
                stats.budgetBusy()));
        stats.errorSamples().forEach(e -> out.append("  error: ").append(e).append('\n'));
        stats.table().forEach(line -> out.append(line).append('\n'));
        List<Double> imports;
        synchronized (importSeconds) {
            imports = List.copyOf(importSeconds);
        }
        double[] sortedImports = imports.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        out.append(String.format(Locale.ROOT, "imports SUCCEEDED: %d of %d rows each; POST /imports to SUCCEEDED: median %s, max %s%n",
                sortedImports.length, IMPORT_ROWS,
                sortedImports.length == 0 ? "-" : String.format(Locale.ROOT, "%.2f s", median(sortedImports)),
                sortedImports.length == 0 ? "-" : String.format(Locale.ROOT, "%.2f s", sortedImports[sortedImports.length - 1])));
        out.append(String.format(Locale.ROOT, "sandbox: %d requests served during the load (%.2f/s), 429 answers: %d%n",
                sandboxRequests, sandboxRequests / seconds, sandbox429));
        out.append(String.format(Locale.ROOT, "demo base after the run: %s%s%n", restored
                ? "as before (every record, every field), scratch table empty" : "DIFFERENT from before or scratch table not empty",
                leftovers == 0 ? "" : " (" + leftovers + " rows of failed write cycles deleted after the run)"));

        out.append("memory (every 30 s: used heap after an explicit GC, the least of 3 readings 0.2 s apart; live threads):\n");
        for (double[] s : samples) {
            out.append(String.format(Locale.ROOT, "  t=%5.0f s  heap after GC %7.1f MB  threads %4.0f%n", s[0], s[1], s[2]));
        }
        out.append(String.format(Locale.ROOT, "  after the users stopped (t=%.0f s): heap after GC %.1f MB, threads %.0f%n",
                afterLoad[0], afterLoad[1], afterLoad[2]));
        out.append("  state kept by design (DynamoDB items per table, at t=0 → after the run): ");
        itemsAtEnd.forEach((table, n) -> out.append(table).append(' ').append(itemsAtStart.getOrDefault(table, 0L))
                .append(" → ").append(n).append("; "));
        out.append('\n');
        double lastT = samples.get(samples.size() - 1)[0];
        double first = median(samples.stream().filter(s -> s[0] > 1 && s[0] <= 61).mapToDouble(s -> s[1]).toArray());
        double last = median(samples.stream().filter(s -> s[0] > 1 && s[0] > lastT - 59).mapToDouble(s -> s[1]).toArray());
        double growth = (last - first) / first;
        boolean heapOk = growth <= MAX_HEAP_GROWTH;
        out.append(String.format(Locale.ROOT, "  first minute (t in (0, 60] s) median %.1f MB; last minute (t in (%.0f, %.0f] s) median"
                + " %.1f MB: %+.1f MB (%+.1f%%); least-squares slope over t >= 30 s: %+.2f MB/min%n", first,
                Math.max(0, Math.round(lastT / 30) * 30.0 - 60), Math.round(lastT / 30) * 30.0, last, last - first, growth * 100,
                slope(samples)));
        // thread pools grow and shrink with concurrency: compare the peaks of the first and the last minute
        double threadsFirst = samples.stream().filter(s -> s[0] > 1 && s[0] <= 61).mapToDouble(s -> s[2]).max().orElse(0);
        double threadsLast = samples.stream().filter(s -> s[0] > 1 && s[0] > lastT - 59).mapToDouble(s -> s[2]).max()
                .orElse(0);
        boolean threadsOk = threadsLast <= threadsFirst * (1 + MAX_HEAP_GROWTH);
        out.append(String.format(Locale.ROOT, "  threads: %.0f at t=0 (as the users start), most in the first minute %.0f, most in"
                + " the last minute %.0f, at the end %.0f%n", samples.get(0)[2], threadsFirst, threadsLast,
                samples.get(samples.size() - 1)[2]));
        out.append(String.format(Locale.ROOT, "  growth verdict (last-minute median heap within +%.0f%% of the first minute's, last-minute"
                + " peak thread count within +%.0f%% of the first minute's): %s%n", MAX_HEAP_GROWTH * 100,
                MAX_HEAP_GROWTH * 100, heapOk && threadsOk ? "no growth" : "GROWTH"));
        boolean passed = errorRate < MAX_ERROR_RATE && restored && heapOk && threadsOk;
        out.append(passed ? "RESULT: pass\n" : "RESULT: FAIL\n");
        OUT.print(out);
        OUT.flush();
        return passed;
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Least-squares slope of the after-GC heap (MB per minute) over the samples from t = 30 s on. */
    private static double slope(List<double[]> samples) {
        double[][] points = samples.stream().filter(s -> s[0] >= 29).toArray(double[][]::new);
        if (points.length < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (double[] p : points) {
            mx += p[0] / 60;
            my += p[1];
        }
        mx /= points.length;
        my /= points.length;
        double num = 0;
        double den = 0;
        for (double[] p : points) {
            num += (p[0] / 60 - mx) * (p[1] - my);
            den += (p[0] / 60 - mx) * (p[0] / 60 - mx);
        }
        return num / den;
    }

    // ---- helpers ----

    private String recordsPath(String table) {
        return "/bases/" + demoBase + "/tables/" + table + "/records";
    }

    private String scratchPath() {
        return "/bases/" + scratchBase + "/tables/Scratch/records";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + abbreviate(body), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static void think() throws InterruptedException {
        pause(ThreadLocalRandom.current().nextLong(THINK_MIN_MS, THINK_MAX_MS + 1));
    }

    private static void pause(long millis) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    /** One virtual user: its own HTTP client (connections), account and tokens. */
    private final class Client {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final String name;
        private final String email;
        private String access;
        private String refresh;

        Client(String name) {
            this.name = name;
            this.email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        }

        /** POST /auth/register; with {@code counted} null the call is not part of the measured load. */
        boolean register(LoadStats counted) {
            String body = JSON.createObjectNode().put("email", email).put("password", PASSWORD).toString();
            HttpResponse<String> response = counted == null ? callQuietly("POST", "/auth/register", body)
                    : expect("POST /auth/register", "POST", "/auth/register", body, 201, "accessToken");
            if (response == null || response.statusCode() != 201) {
                if (counted == null) {
                    throw new IllegalStateException("register: " + (response == null ? "no answer" : response.body()));
                }
                return false;
            }
            tokens(json(response.body()).get("tokens"));
            return true;
        }

        void login() {
            String body = JSON.createObjectNode().put("email", email).put("password", PASSWORD).toString();
            HttpResponse<String> response = expect("POST /auth/login", "POST", "/auth/login", body, 200, "accessToken");
            if (response != null) {
                tokens(json(response.body()).get("tokens"));
            }
        }

        void refresh() {
            String body = JSON.createObjectNode().put("refreshToken", refresh).toString();
            HttpResponse<String> response = expect("POST /auth/refresh", "POST", "/auth/refresh", body, 200, "refreshToken");
            if (response != null) {
                tokens(json(response.body()).get("tokens"));
            }
        }

        private void tokens(JsonNode tokens) {
            access = tokens.get("accessToken").asText();
            refresh = tokens.get("refreshToken").asText();
        }

        /** An unmeasured call (set-up and checks). */
        HttpResponse<String> call(String method, String path, String body) throws Exception {
            return http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        private HttpResponse<String> callQuietly(String method, String path, String body) {
            try {
                return call(method, path, body);
            } catch (Exception e) {
                throw new IllegalStateException(method + " " + path + ": " + e, e);
            }
        }

        private HttpRequest request(String method, String path, String body) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(cloud.apiUrl().resolve(path))
                    .timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (body != null) {
                builder.header("Content-Type", "application/json");
            }
            if (access != null) {
                builder.header("Authorization", "Bearer " + access);
            }
            return builder.build();
        }

        /** A measured API call; the response when it had {@code status} and contains {@code content}, else null. */
        HttpResponse<String> expect(String op, String method, String path, String body, int status, String content) {
            return send(op, request(method, path, body), status, content);
        }

        HttpResponse<String> send(String op, HttpRequest request, int status, String content) {
            long begin = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stats.error(op, System.nanoTime() - begin, "interrupted");
                return null;
            } catch (IOException e) {
                stats.error(op, System.nanoTime() - begin, e.getClass().getSimpleName() + " " + e.getMessage());
                return null;
            }
            long took = System.nanoTime() - begin;
            String detail = response.statusCode() + " " + abbreviate(response.body());
            if (response.statusCode() == 503 && response.body().contains("AIRTABLE_RATE_LIMITED")
                    && response.headers().firstValue("Retry-After").isPresent()) {
                stats.budgetBusy(op, took, detail);
                return null;
            }
            if (response.statusCode() != status) {
                stats.error(op, took, detail);
                return null;
            }
            if (!response.body().contains(content)) {
                stats.error(op, took, "unexpected content: " + detail);
                return null;
            }
            stats.ok(op, took);
            return response;
        }
    }
}
