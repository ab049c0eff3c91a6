package io.pyairtable.airtable.bench;

import io.pyairtable.airtable.AirtableApi;
import io.pyairtable.airtable.RateLimiter;
import io.pyairtable.airtable.RecordQuery;
import io.pyairtable.airtable.Schema;
import io.pyairtable.airtable.SlidingWindowRateLimiter;
import io.pyairtable.airtable.Table;
import io.pyairtable.sandbox.AirtableSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Throughput of the Airtable client against the sandbox with Airtable's real limits on (5 req/s per base, 30 s
 * penalty after a 429). Prints records/s, the ratio to the ceiling the limit allows, and the 429s the sandbox
 * served. Not a test: run with {@code scripts/bench-airtable-client [--runs N] [--create N] [--list N]}.
 */
public final class ClientBenchmark {
    private static final int REQUESTS_PER_SECOND = 5;

    public static void main(String[] args) throws Exception {
        int runs = intArg(args, "--runs", 1);
        int createCount = intArg(args, "--create", 2_000);
        int listCount = intArg(args, "--list", 10_000);
        System.out.printf("airtable-client benchmark: sandbox on loopback, %d req/s per base, 30 s penalty, %d run(s)%n",
                REQUESTS_PER_SECOND, runs);

        List<Double> createRates = new ArrayList<>();
        long create429s = 0;
        for (int run = 0; run < runs; run++) {
            try (AirtableSandbox sandbox = limitedSandbox(null)) {
                Table table = emptyTable(sandbox, SlidingWindowRateLimiter.airtableDefaults(), "Bench create");
                List<Map<String, Object>> records = records(createCount);
                sandbox.resetCounters();
                long start = System.nanoTime();
                int created = table.create(records).size();
                double seconds = (System.nanoTime() - start) / 1e9;
                check(created == createCount, "created " + created + " of " + createCount);
                createRates.add(createCount / seconds);
                create429s += sandbox.rateLimitedResponses();
                System.out.printf("  create run %d: %d records in %.1f s%n", run + 1, createCount, seconds);
            }
        }
        double createCeiling = REQUESTS_PER_SECOND * Table.MAX_RECORDS_PER_WRITE;
        double createMedian = median(createRates);
        System.out.printf("create %d records: median %.1f records/s = %.3f of the %.0f records/s ceiling"
                        + " (%.3f of the fastest schedule the limit allows); 429s served: %d%n",
                createCount, createMedian, createMedian / createCeiling, createCeiling,
                createMedian / fastestRate(createCount, Table.MAX_RECORDS_PER_WRITE), create429s);

        Path dir = Files.createTempDirectory("bench-list");
        Path data = dir.resolve("sandbox.json");
        try {
            String tableId;
            try (AirtableSandbox unlimited = AirtableSandbox.builder().port(0).requestsPerSecondPerBase(0)
                    .requestsPerSecondPerToken(0).dataFile(data).start()) {
                Table table = emptyTable(unlimited, RateLimiter.unlimited(), "Bench list"); // seeding is not measured
                table.create(records(listCount));
                tableId = table.idOrName();
            }
            List<Double> listRates = new ArrayList<>();
            long list429s = 0;
            for (int run = 0; run < runs; run++) {
                try (AirtableSandbox sandbox = limitedSandbox(data)) {
                    Table table = api(sandbox, SlidingWindowRateLimiter.airtableDefaults()).base(sandbox.demoBaseId())
                            .table(tableId);
                    sandbox.resetCounters();
                    long start = System.nanoTime();
                    long listed = table.stream(RecordQuery.builder().pageSize(100).build()).count();
                    double seconds = (System.nanoTime() - start) / 1e9;
                    check(listed == listCount, "listed " + listed + " of " + listCount);
                    listRates.add(listed / seconds);
                    list429s += sandbox.rateLimitedResponses();
                    System.out.printf("  list run %d: %d records in %.1f s%n", run + 1, listed, seconds);
                }
            }
            double listCeiling = REQUESTS_PER_SECOND * 100.0;
            double listMedian = median(listRates);
            System.out.printf("list %d records (100 per page): median %.0f records/s = %.3f of the %.0f records/s ceiling"
                            + " (%.3f of the fastest schedule the limit allows); 429s served: %d%n",
                    listCount, listMedian, listMedian / listCeiling, listCeiling,
                    listMedian / fastestRate(listCount, 100), list429s);
        } finally {
            Files.deleteIfExists(data);
            Files.deleteIfExists(dir);
        }
    }

    private static AirtableSandbox limitedSandbox(Path data) {
        AirtableSandbox.Builder builder = AirtableSandbox.builder().port(0)
                .requestsPerSecondPerBase(REQUESTS_PER_SECOND).penalty(Duration.ofSeconds(30));
        return (data == null ? builder : builder.dataFile(data)).start();
    }

    private static AirtableApi api(AirtableSandbox sandbox, RateLimiter limiter) {
        return AirtableApi.builder(sandbox.demoToken()).apiUrl(sandbox.baseUrl()).rateLimiter(limiter).build();
    }

    private static Table emptyTable(AirtableSandbox sandbox, RateLimiter limiter, String name) {
        var base = api(sandbox, limiter).base(sandbox.demoBaseId());
        Schema.TableSchema created = base.createTable(new Schema.TableSpec(name, null, List.of(
                Schema.FieldSpec.of("Name", "singleLineText"), Schema.FieldSpec.of("Notes", "multilineText"),
                Schema.FieldSpec.of("Amount", "number"))));
        return base.table(created.id());
    }

    private static List<Map<String, Object>> records(int count) {
        List<Map<String, Object>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(Map.of("Name", "Record " + i, "Notes", "Benchmark row " + i, "Amount", i));
        }
        return records;
    }

    /**
     * Records/s of the fastest schedule a sliding window of 5 requests per second allows: the first 5 requests
     * start at once, each later group of 5 one second after the previous group, so n requests need
     * (ceil(n / 5) - 1) seconds. This is why a short run can beat the nominal ceiling.
     */
    private static double fastestRate(int records, int perRequest) {
        int requests = (records + perRequest - 1) / perRequest;
        int seconds = (requests + REQUESTS_PER_SECOND - 1) / REQUESTS_PER_SECOND - 1;
        return seconds <= 0 ? Double.POSITIVE_INFINITY : (double) records / seconds;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static int intArg(String[] args, String name, int fallback) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? Integer.parseInt(args[i + 1]) : fallback;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("benchmark invalid: " + message);
        }
    }
}
