package io.pyairtable.airtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pyairtable.sandbox.AirtableSandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the Airtable sandbox over real HTTP: every call goes through the wire. */
class SandboxClientTest {
    /** One budget for every client of this class, as in production: they all hit the same base. */
    private static final RateLimiter LIMITER = SlidingWindowRateLimiter.airtableDefaults();
    private static AirtableSandbox sandbox;
    private static AirtableApi api;
    private static Base demo;
    private static final AtomicInteger TABLES = new AtomicInteger();
    private Table table;

    @BeforeAll
    static void start() {
        // Airtable's real limits are on: the client must stay within them (429s are asserted below).
        sandbox = AirtableSandbox.builder().port(0).requestsPerSecondPerBase(5).penalty(Duration.ofSeconds(30)).start();
        api = client(sandbox.demoToken());
        demo = api.base(sandbox.demoBaseId());
    }

    @AfterAll
    static void stop() {
        long served429s = sandbox.rateLimitedResponses();
        sandbox.close();
        assertThat(served429s).as("429s served to this class's clients, which share one limiter").isZero();
    }

    @BeforeEach
    void freshTable() {
        table = demo.table(demo.createTable(new Schema.TableSpec("Test " + TABLES.incrementAndGet(), "for a test", List.of(
                Schema.FieldSpec.of("Name", "singleLineText"),
                new Schema.FieldSpec("Amount", "number", null, Json.MAPPER.createObjectNode().put("precision", 2)),
                Schema.FieldSpec.of("Notes", "multilineText"),
                Schema.FieldSpec.of("Done", "checkbox"),
                Schema.FieldSpec.of("Files", "multipleAttachments")))).id());
    }

    private static AirtableApi client(String token) {
        return AirtableApi.builder(token).apiUrl(sandbox.baseUrl()).rateLimiter(LIMITER).build();
    }

    private static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static List<Map<String, Object>> named(int count) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(fields("Name", String.format("r%03d", i), "Amount", i));
        }
        return records;
    }

    @Test
    void whoamiBasesAndSchemaOfTheDemoBase() {
        assertThat(api.whoami().id()).startsWith("usr");
        assertThat(api.bases()).extracting(Schema.BaseInfo::id).contains(sandbox.demoBaseId());
        Schema.BaseSchema schema = demo.schema();
        assertThat(schema.tables()).extracting(Schema.TableSchema::name).contains("Companies", "Contacts", "Deals");
        Schema.TableSchema deals = schema.table("Deals").orElseThrow();
        assertThat(deals.field("Stage").orElseThrow().type()).isEqualTo("singleSelect");
        assertThat(deals.views()).isNotEmpty();
        assertThat(demo.table("Deals").schema().id()).isEqualTo(deals.id());
    }

    @Test
    void createReadUpdateReplaceDelete() {
        AirtableRecord created = table.create(fields("Name", "Alpha", "Amount", 12.5, "Notes", "n", "Done", true));
        assertThat(created.id()).matches("rec[A-Za-z0-9]{14}");
        assertThat(table.get(created.id()).fields()).containsEntry("Name", "Alpha").containsEntry("Done", true);

        AirtableRecord updated = table.update(created.id(), fields("Amount", 13));
        assertThat(updated.fields()).containsEntry("Name", "Alpha").containsKey("Notes");

        AirtableRecord replaced = table.replace(created.id(), fields("Name", "Beta"));
        assertThat(replaced.fields()).containsOnlyKeys("Name").containsEntry("Name", "Beta");

        table.delete(created.id());
        assertThatThrownBy(() -> table.get(created.id())).isInstanceOf(AirtableException.NotFound.class)
                .satisfies(e -> assertThat(((AirtableException) e).type()).isEqualTo("NOT_FOUND"));
    }

    @Test
    void writesAnyNumberOfRecordsInChunksOfTen() {
        List<AirtableRecord> created = table.create(named(25));
        assertThat(created).hasSize(25).extracting(r -> r.get("Name")).first().isEqualTo("r000");
        assertThat(created).extracting(r -> r.get("Name")).last().isEqualTo("r024");

        List<RecordUpdate> updates = created.stream().map(r -> new RecordUpdate(r.id(), fields("Notes", "updated"))).toList();
        assertThat(table.update(updates, WriteOptions.DEFAULT)).allSatisfy(r -> assertThat(r.get("Notes")).isEqualTo("updated"));

        List<String> deleted = table.delete(created.stream().map(AirtableRecord::id).toList());
        assertThat(deleted).hasSize(25);
        assertThat(table.list(RecordQuery.all())).isEmpty();
    }

    @Test
    void aFailingChunkReportsWhatWasApplied() {
        List<Map<String, Object>> input = named(25);
        input.set(14, fields("Name", "bad", "Amount", "not a number"));
        assertThatThrownBy(() -> table.create(input)).isInstanceOfSatisfying(BatchWriteException.class, e -> {
            assertThat(e.result().chunks()).extracting(BatchResult.Chunk::status).containsExactly(
                    BatchResult.Status.SUCCEEDED, BatchResult.Status.FAILED, BatchResult.Status.NOT_ATTEMPTED);
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.type()).isEqualTo("INVALID_VALUE_FOR_COLUMN");
        });
        assertThat(table.list(RecordQuery.all())).as("exactly the first chunk is in Airtable").hasSize(10);
    }

    @Test
    void aFailingFirstChunkThrowsThePlainError() {
        assertThatThrownBy(() -> table.create(List.of(fields("Nope", "x"))))
                .isExactlyInstanceOf(AirtableException.InvalidRequest.class)
                .satisfies(e -> assertThat(((AirtableException) e).type()).isEqualTo("UNKNOWN_FIELD_NAME"));
    }

    @Test
    void typecastConvertsStrings() {
        AirtableRecord r = table.create(List.of(fields("Name", "T", "Amount", "42")), WriteOptions.withTypecast()).get(0);
        assertThat(((Number) r.get("Amount")).intValue()).isEqualTo(42);
    }

    @Test
    void upsertCreatesThenUpdates() {
        UpsertResult first = table.upsert(List.of("Name"), named(12), WriteOptions.DEFAULT);
        assertThat(first.createdRecordIds()).hasSize(12);
        assertThat(first.updatedRecordIds()).isEmpty();

        List<Map<String, Object>> again = named(15);
        again.forEach(f -> f.put("Notes", "upserted"));
        UpsertResult second = table.upsert(List.of("Name"), again, WriteOptions.DEFAULT);
        assertThat(second.updatedRecordIds()).hasSize(12).containsExactlyInAnyOrderElementsOf(first.createdRecordIds());
        assertThat(second.createdRecordIds()).hasSize(3);
        assertThat(table.list(RecordQuery.all())).hasSize(15).allSatisfy(r -> assertThat(r.get("Notes")).isEqualTo("upserted"));
    }

    @Test
    void listsWithPagingSortFieldsFilterAndFormats() {
        table.create(named(23));
        List<AirtableRecord> desc = table.list(RecordQuery.builder().pageSize(5).sort(Sort.desc("Amount")).fields("Name").build());
        assertThat(desc).hasSize(23);
        assertThat(desc.get(0).fields()).containsOnlyKeys("Name").containsEntry("Name", "r022");

        assertThat(table.list(RecordQuery.builder().pageSize(4).maxRecords(9).build())).hasSize(9);

        RecordPage page = table.page(RecordQuery.builder().pageSize(10).build(), null);
        assertThat(page.records()).hasSize(10);
        assertThat(page.hasMore()).isTrue();
        RecordPage next = table.page(RecordQuery.builder().pageSize(10).build(), page.offset());
        assertThat(next.records().get(0).get("Name")).isEqualTo("r010");

        List<AirtableRecord> filtered = table.list(RecordQuery.builder()
                .filter(Formula.and(Formula.gte(Formula.field("Amount"), Formula.value(20)),
                        Formula.ne(Formula.field("Name"), Formula.value("r021")))).build());
        assertThat(filtered).extracting(r -> r.get("Name")).containsExactlyInAnyOrder("r020", "r022");

        Schema.TableSchema schema = table.schema();
        String nameFieldId = schema.field("Name").orElseThrow().id();
        AirtableRecord byId = table.list(RecordQuery.builder().returnFieldsByFieldId(true).maxRecords(1).build()).get(0);
        assertThat(byId.fields()).containsKey(nameFieldId);

        AirtableRecord asStrings = table.list(RecordQuery.builder().stringCells("UTC", "en-us").maxRecords(1).build()).get(0);
        assertThat(asStrings.fields().values()).allSatisfy(v -> assertThat(v).isInstanceOf(String.class));
    }

    @Test
    void aVeryLongFilterGoesThroughListRecordsPost() {
        table.create(named(3));
        List<Formula> alternatives = new ArrayList<>();
        for (int i = 0; i < 600; i++) { // ~11k formula chars, ~25k once URL-encoded
            alternatives.add(Formula.fieldEquals("Name", String.format("r%03d", i)));
        }
        List<AirtableRecord> found = table.list(RecordQuery.builder().filter(Formula.or(alternatives)).build());
        assertThat(found).hasSize(3);
    }

    @Test
    void filterValuesCannotInjectFormulaText() {
        table.create(named(3));
        String hostile = "r000\" , TRUE()) & OR(\"";
        assertThat(table.list(RecordQuery.builder().filter(Formula.fieldEquals("Name", hostile)).build())).isEmpty();
        assertThat(table.list(RecordQuery.builder().filter(Formula.fieldEquals("Name", "r001")).build())).hasSize(1);
    }

    @Test
    void invalidFormulasAndUnknownFieldsAreAirtableErrors() {
        assertThatThrownBy(() -> table.list(RecordQuery.builder().filter(Formula.raw("AND(")).build()))
                .isInstanceOf(AirtableException.InvalidRequest.class)
                .satisfies(e -> assertThat(((AirtableException) e).type()).isEqualTo("INVALID_FILTER_BY_FORMULA"));
        assertThatThrownBy(() -> table.list(RecordQuery.builder().filter(Formula.fieldEquals("Missing", 1)).build()))
                .isInstanceOf(AirtableException.InvalidRequest.class).hasMessageContaining("Missing");
        assertThatThrownBy(() -> demo.table("No Such Table").list(RecordQuery.all()))
                .isInstanceOf(AirtableException.NotFound.class);
    }

    @Test
    void restartsWhenTheSandboxExpiresTheIterator() {
        table.create(named(25));
        List<Object> names = new ArrayList<>();
        table.stream(RecordQuery.builder().pageSize(10).build()).forEach(r -> {
            names.add(r.get("Name"));
            if (names.size() == 5) {
                sandbox.expireOffsets();
            }
        });
        assertThat(names).hasSize(25).doesNotHaveDuplicates();
    }

    @Test
    void createsFieldsAndInvalidatesTheSchemaCache() {
        assertThat(table.schema().field("Priority")).isEmpty();
        Schema.FieldSchema created = table.createField(Schema.FieldSpec.of("Priority", "singleLineText"));
        assertThat(created.id()).startsWith("fld");
        assertThat(table.schema().field("Priority")).isPresent();
        assertThat(table.create(fields("Name", "p", "Priority", "high")).get("Priority")).isEqualTo("high");
    }

    @Test
    void uploadsAndAttachesFiles() throws Exception {
        AirtableRecord r = table.create(fields("Name", "with file"));
        table.uploadAttachment(r.id(), "Files", "hello.txt", "text/plain", "hello sandbox".getBytes());
        List<?> files = (List<?>) table.get(r.id()).get("Files");
        assertThat(files).hasSize(1);
        String url = (String) ((Map<?, ?>) files.get(0)).get("url");
        HttpResponse<String> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(download.body()).isEqualTo("hello sandbox");

        AirtableRecord attached = table.attachByUrl(r.id(), "Files", url, "copy.txt");
        assertThat((List<?>) attached.get("Files")).hasSize(2);
    }

    @Test
    void tokensWithoutAccessGet403AndBadTokens401() {
        String otherBaseOnly = sandbox.createToken(Set.of("appNOACCESS000000"), Set.of("data.records:read"));
        assertThatThrownBy(() -> client(otherBaseOnly).base(sandbox.demoBaseId()).table("Deals").list(RecordQuery.all()))
                .isInstanceOf(AirtableException.Permission.class);
        String readOnly = sandbox.createToken(Set.of("*"), Set.of("data.records:read", "schema.bases:read"));
        Table readOnlyDeals = client(readOnly).base(sandbox.demoBaseId()).table("Deals");
        assertThat(readOnlyDeals.list(RecordQuery.builder().maxRecords(1).build())).hasSize(1);
        assertThatThrownBy(() -> readOnlyDeals.create(fields("Name", "x"))).isInstanceOf(AirtableException.Permission.class);
        assertThatThrownBy(() -> client("patNotAToken").whoami()).isInstanceOf(AirtableException.Authentication.class);
    }

    @Test
    void concurrentClientsSharingALimiterNeverTriggerA429() throws Exception {
        long before = sandbox.rateLimitedResponses();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            AirtableApi client = client(sandbox.demoToken()); // a client per thread, one shared limiter
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 5; i++) {
                    client.base(sandbox.demoBaseId()).table("Deals").page(RecordQuery.builder().pageSize(1).build(), null);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(sandbox.rateLimitedResponses() - before).isZero();
    }
}
