package io.pyairtable.functions.imports.parse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.pyairtable.airtable.Schema.FieldSchema;
import io.pyairtable.airtable.Schema.TableSchema;
import io.pyairtable.functions.imports.parse.FileFormat;
import io.pyairtable.functions.imports.parse.ReadOptions;
import io.pyairtable.functions.imports.parse.RowConverter;
import io.pyairtable.functions.imports.parse.RowReader;
import io.pyairtable.functions.imports.parse.RowReaders;
import io.pyairtable.functions.imports.parse.SourceRow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Parse + convert throughput of a generated CSV (10 columns of mixed types, some quoted fields with commas, doubled
 * quotes and line breaks) against a matching table schema, and the heap it needs. Not a test: run with
 * {@code scripts/bench-import-parse [--rows N] [--runs N] [--big N]}, which fixes {@code -Xmx}.
 *
 * <p>Two heap numbers per run, both after {@code System.gc()} and a reset of the pools' peaks before the run:
 * <ul>
 *   <li><b>live peak</b>: the largest heap occupancy right <i>after</i> any garbage collection during the run (from
 *       the collectors' notifications) — what the reader and converter actually keep alive; this is the number that
 *       must not grow with the file;</li>
 *   <li><b>pool peak</b>: the sum of the heap pools' peak usage ({@link MemoryPoolMXBean#getPeakUsage()}), which
 *       includes garbage not yet collected and so mostly reflects how large the collector lets the young generation
 *       grow (bounded by {@code -Xmx}).</li>
 * </ul>
 */
public final class ParseBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] STAGES = {"Lead", "Qualified", "Proposal", "Won", "Lost"};
    private static final String[] TAGS = {"urgent", "enterprise", "smb", "renewal", "partner"};

    public static void main(String[] args) throws Exception {
        int rows = intArg(args, "--rows", 100_000);
        int runs = intArg(args, "--runs", 5);
        int big = intArg(args, "--big", 1_000_000);
        System.out.printf("import parse benchmark: CSV, 10 columns, parse + convert; JVM %s, max heap %d MB, %d CPUs%n",
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        TableSchema table = table();
        HeapWatch heap = new HeapWatch();

        Path file = generate(rows);
        List<Double> rates = new ArrayList<>();
        List<Long> livePeaks = new ArrayList<>();
        try {
            System.out.printf("%,d rows, %,d bytes%n", rows, Files.size(file));
            for (int run = 1; run <= runs; run++) {
                Result result = run(file, rows, table, heap);
                rates.add(result.rowsPerSecond());
                livePeaks.add(result.livePeak());
                System.out.printf("  run %d: %,.0f rows/s (%.2f s); live peak %.1f MB (heap before the run %.1f MB),"
                                + " pool peak %.1f MB, %d GCs%n", run, result.rowsPerSecond(), result.seconds(),
                        mb(result.livePeak()), mb(result.baseline()), mb(result.poolPeak()), result.collections());
            }
        } finally {
            Files.deleteIfExists(file);
        }
        System.out.printf("%,d rows: median %,.0f rows/s (target > 50,000); live peak max %.1f MB%n", rows,
                median(rates), mb(Collections.max(livePeaks)));

        if (big > 0) {
            Path bigFile = generate(big);
            try {
                System.out.printf("%,d rows, %,d bytes%n", big, Files.size(bigFile));
                Result result = run(bigFile, big, table, heap);
                System.out.printf("%,d rows: %,.0f rows/s (%.2f s); live peak %.1f MB (heap before the run %.1f MB),"
                                + " pool peak %.1f MB, %d GCs%n", big, result.rowsPerSecond(), result.seconds(),
                        mb(result.livePeak()), mb(result.baseline()), mb(result.poolPeak()), result.collections());
            } finally {
                Files.deleteIfExists(bigFile);
            }
        }
    }

    private record Result(double seconds, double rowsPerSecond, long baseline, long livePeak, long poolPeak,
            long collections) {}

    private static Result run(Path file, int expectedRows, TableSchema table, HeapWatch heap) throws IOException {
        heap.reset();
        long start = System.nanoTime();
        long rows = 0;
        long fields = 0;
        try (InputStream in = Files.newInputStream(file);
                RowReader reader = RowReaders.open(in, FileFormat.CSV,
                        ReadOptions.defaults().withMaxRows(expectedRows))) {
            RowConverter converter = new RowConverter(table, null, false);
            check(converter.checkColumns(reader.columns()).isEmpty(), "columns do not match the table");
            SourceRow row;
            while ((row = reader.next()) != null) {
                RowConverter.Converted converted = converter.convert(row);
                if (!converted.valid()) {
                    throw new IllegalStateException("benchmark invalid: row " + row.number() + " " + converted.errors());
                }
                rows++;
                fields += converted.fields().size();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        check(rows == expectedRows, "read " + rows + " rows of " + expectedRows);
        check(fields > rows * 8, "too few fields converted: " + fields);
        return new Result(seconds, rows / seconds, heap.baseline(), heap.livePeak(), heap.poolPeak(), heap.collections());
    }

    // ---- data ----

    private static TableSchema table() throws IOException {
        List<FieldSchema> fields = List.of(
                field(1, "Name", "singleLineText", null),
                field(2, "Email", "email", null),
                field(3, "Amount", "currency", "{\"precision\":2,\"symbol\":\"$\"}"),
                field(4, "Quantity", "number", "{\"precision\":0}"),
                field(5, "Active", "checkbox", "{\"icon\":\"check\",\"color\":\"greenBright\"}"),
                field(6, "Due", "date", "{\"dateFormat\":{\"name\":\"iso\",\"format\":\"YYYY-MM-DD\"}}"),
                field(7, "Updated", "dateTime", "{\"timeZone\":\"Europe/Paris\",\"dateFormat\":{\"name\":\"iso\"},"
                        + "\"timeFormat\":{\"name\":\"24hour\"}}"),
                field(8, "Stage", "singleSelect", choices(STAGES)),
                field(9, "Tags", "multipleSelects", choices(TAGS)),
                field(10, "Notes", "multilineText", null));
        return new TableSchema("tblBENCHBENCHBENC", "Deals", null, fields.get(0).id(), fields, List.of());
    }

    private static FieldSchema field(int n, String name, String type, String options) throws IOException {
        JsonNode node = options == null ? null : JSON.readTree(options);
        return new FieldSchema(String.format("fldBENCH%09d", n), name, type, null, node);
    }

    private static String choices(String[] names) {
        StringBuilder json = new StringBuilder("{\"choices\":[");
        for (int i = 0; i < names.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"sel").append(String.format("%014d", i))
                    .append("\",\"name\":\"").append(names[i]).append("\"}");
        }
        return json.append("]}").toString();
    }

    /** A CSV of {@code rows} data rows; a fixed seed, so every run reads the same bytes. */
    static Path generate(int rows) throws IOException {
        Path file = Files.createTempFile("bench-import-", ".csv");
        Random random = new Random(42);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("Name,Email,Amount,Quantity,Active,Due,Updated,Stage,Tags,Notes\r\n");
            for (int i = 0; i < rows; i++) {
                out.write("Customer ");
                out.write(Integer.toString(i));
                out.write(",user");
                out.write(Integer.toString(i));
                out.write("@example.com,");
                int cents = random.nextInt(10_000_000);
                String amount = (cents / 100) + "." + String.format("%02d", cents % 100);
                out.write(i % 4 == 0 ? "\"$" + thousands(cents / 100) + "." + String.format("%02d", cents % 100) + "\"" : amount);
                out.write(',');
                out.write(Integer.toString(random.nextInt(500)));
                out.write(',');
                out.write(random.nextBoolean() ? "yes" : "no");
                out.write(',');
                out.write(String.format("2024-%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28)));
                out.write(',');
                out.write(String.format("2024-%02d-%02dT%02d:%02d:00%s", 1 + random.nextInt(12), 1 + random.nextInt(28),
                        random.nextInt(24), random.nextInt(60), i % 2 == 0 ? "Z" : ""));
                out.write(',');
                out.write(STAGES[random.nextInt(STAGES.length)]);
                out.write(",\"");
                out.write(TAGS[random.nextInt(TAGS.length)]);
                out.write(", ");
                out.write(TAGS[random.nextInt(TAGS.length)]);
                out.write("\",");
                switch (i % 3) {
                    case 0 -> out.write("\"Called, left a message\nFollow up on \"\"pricing\"\"\"");
                    case 1 -> out.write("Plain note without quotes");
                    default -> { /* empty */ }
                }
                out.write("\r\n");
            }
        }
        return file;
    }

    private static String thousands(int value) {
        return String.format("%,d", value);
    }

    // ---- heap measurement ----

    /** Heap occupancy after each GC (collector notifications) and the heap pools' peaks. */
    static final class HeapWatch {
        private final AtomicLong maxAfterGc = new AtomicLong();
        private final AtomicLong collections = new AtomicLong();
        private long baseline;
        private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();

        HeapWatch() {
            NotificationListener listener = (notification, handback) -> {
                if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (isHeapPool(pool.getKey())) {
                        used += pool.getValue().getUsed();
                    }
                }
                long after = used;
                maxAfterGc.accumulateAndGet(after, Math::max);
                collections.incrementAndGet();
            };
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) collector).addNotificationListener(listener, null, null);
            }
        }

        private boolean isHeapPool(String name) {
            return heapPools.stream().anyMatch(pool -> pool.getName().equals(name));
        }

        void reset() {
            System.gc();
            try {
                Thread.sleep(200); // let the notification of that collection arrive before resetting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            maxAfterGc.set(0);
            collections.set(0);
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        }

        /** Heap used right after the full collection that precedes the run. */
        long baseline() {
            return baseline;
        }

        long livePeak() {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return maxAfterGc.get();
        }

        long poolPeak() {
            return heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        }

        long collections() {
            return collections.get();
        }
    }

    // ---- helpers ----

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("benchmark invalid: " + message);
        }
    }
}
