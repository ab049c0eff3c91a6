package io.pyairtable.local.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.pyairtable.airtable.AirtableRecord;
import io.pyairtable.airtable.RecordQuery;
import io.pyairtable.airtable.Table;
import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.LocalCloudOptions;
import io.pyairtable.local.app.ImportsApiClient;
import io.pyairtable.sandbox.FieldSpec;
import io.pyairtable.sandbox.TableSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * End-to-end import numbers for docs/performance.md, on the project's template in the local cloud against the
 * sandbox with Airtable's 5 req/s per base enforced: the wall time from the end of the upload to SUCCEEDED
 * (S3 event, streaming validation against the schema, staging, the saga with its ledger) for 2,000 rows in create
 * mode (ceiling 50 rows/s: 10 records per request) and in update mode (ceiling 25 rows/s: each batch reads the
 * previous values first, then writes). A benchmark, not a test: {@code scripts/bench-local} runs its {@code main}.
 */
public final class ImportBenchmark {
    private static final int ROWS = 2_000;

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path template = Path.of(args.length > 0 ? args[0] : "../template.yaml");
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.forTests(template))) {
            ImportsApiClient imports = new ImportsApiClient(cloud);
            String user = imports.api().newUser("bench");
            double[] create = new double[3];
            String base = null;
            for (int run = 0; run < create.length; run++) {
                base = cloud.sandbox().createBase("Bench " + run, List.of(new TableSpec("People",
                        List.of(FieldSpec.text("Name"), FieldSpec.number("Age", 0), FieldSpec.text("City")))));
                StringBuilder csv = new StringBuilder("Name,Age,City\n");
                for (int i = 1; i <= ROWS; i++) {
                    csv.append("Person ").append(i).append(',').append(20 + i % 60).append(",City ").append(i % 97).append('\n');
                }
                create[run] = timed(cloud, imports, user, base, "create", csv.toString(), "");
                System.out.printf(Locale.ROOT, "  create run %d: %.1f rows/s%n", run + 1, create[run]);
            }
            Table people = ImportsApiClient.sharedBudgetTable(cloud, base, "People");
            List<AirtableRecord> records = people.list(RecordQuery.all());
            StringBuilder updates = new StringBuilder("id,City\n");
            records.forEach(r -> updates.append(r.id()).append(",Moved to ").append(r.get("Name")).append('\n'));
            double update = timed(cloud, imports, user, base, "update", updates.toString(), "");
            System.out.printf(Locale.ROOT, "  update run: %.1f rows/s%n", update);
            double median = median(create);
            System.out.printf(Locale.ROOT, "import %d rows, create mode (3 runs): median %.1f rows/s = %.3f of the 50 rows/s"
                    + " ceiling; sandbox 429s: %d%n", ROWS, median, median / 50, cloud.sandbox().rateLimitedResponses());
            System.out.printf(Locale.ROOT, "import %d rows, update mode (1 run): %.1f rows/s = %.3f of the 25 rows/s ceiling%n",
                    ROWS, update, update / 25);
        }
    }

    private static double timed(LocalCloud cloud, ImportsApiClient imports, String user, String base, String mode,
            String csv, String extra) throws Exception {
        String request = "{\"baseId\":\"" + base + "\",\"table\":\"People\",\"fileName\":\"bench.csv\","
                + "\"contentType\":\"text/csv\",\"mode\":\"" + mode + "\"" + extra + "}";
        long start = System.nanoTime();
        String id = imports.importFile(user, request, csv.getBytes(StandardCharsets.UTF_8));
        JsonNode done = imports.await(user, "/imports/" + id, Duration.ofMinutes(5));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!done.get("status").asText().equals("SUCCEEDED") || done.at("/counts/applied").asLong() != ROWS) {
            throw new IllegalStateException("import did not succeed: " + done);
        }
        return ROWS / seconds;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
