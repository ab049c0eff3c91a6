package io.pyairtable.functions.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.airtable.AirtableException;
import io.pyairtable.airtable.Schema;
import io.pyairtable.functions.core.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SagaPartsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema.TableSchema PEOPLE = new Schema.TableSchema("tblPeople0000000", "People", null,
            "fldName000000000", List.of(new Schema.FieldSchema("fldName000000000", "Name", "singleLineText", null, null),
                    new Schema.FieldSchema("fldAge0000000000", "Age", "number", null, null),
                    new Schema.FieldSchema("fldAuto000000000", "Auto", "autoNumber", null, null)), List.of());

    @Test
    void batchesAreConsecutiveOperationsOfOneKindAtMostTen() {
        List<Operation> ops = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            ops.add(Operation.create(Map.of("Name", "n" + i)));
        }
        ops.add(Operation.delete("recAAAAAAAAAAAAAA"));
        ops.add(Operation.create(Map.of("Name", "last")));
        List<Batch> batches = Batch.of(ops);
        assertThat(batches).extracting(Batch::op).containsExactly("create", "create", "create", "delete", "create");
        assertThat(batches).extracting(b -> b.operations().size()).containsExactly(10, 10, 3, 1, 1);
        assertThat(batches).extracting(Batch::index).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void stepEventsFoldIntoOneEntryPerStep() {
        List<Map<String, Object>> steps = JobView.steps(List.of(
                Map.of("name", "Validate", "status", "STARTED", "at", "t1"),
                Map.of("name", "Validate", "status", "SUCCEEDED", "at", "t2", "detail", "3 rows"),
                Map.of("name", "Apply", "status", "STARTED", "at", "t3"),
                Map.of("name", "Apply", "status", "FAILED", "at", "t4", "detail", "boom")));
        assertThat(steps).hasSize(2);
        assertThat(steps.get(0)).containsEntry("status", "SUCCEEDED").containsEntry("startedAt", "t1")
                .containsEntry("endedAt", "t2").containsEntry("detail", "3 rows");
        assertThat(steps.get(1)).containsEntry("status", "FAILED").containsEntry("endedAt", "t4");
    }

    @Test
    void reconciliationComparesNumbersByValueAndTextExactly() {
        assertThat(CreatedRecords.same(new java.math.BigDecimal("42.0"), 42)).isTrue();
        assertThat(CreatedRecords.same("42", 42.0)).isTrue();
        assertThat(CreatedRecords.same("Acme", "Acme")).isTrue();
        assertThat(CreatedRecords.same("Acme", "acme")).isFalse();
        assertThat(CreatedRecords.same(null, "")).isTrue();
        assertThat(CreatedRecords.same("x", null)).isFalse();
    }

    @Test
    void changeSetOperationsAreCheckedBeforeAnythingIsStaged() throws Exception {
        List<Operation> ok = ChangeSetRequest.operations(JSON.readTree("{\"operations\":["
                + "{\"op\":\"create\",\"fields\":{\"fldName000000000\":\"A\"}},"
                + "{\"op\":\"update\",\"id\":\"recAAAAAAAAAAAAAA\",\"fields\":{\"Age\":3}},"
                + "{\"op\":\"delete\",\"id\":\"recBBBBBBBBBBBBBB\"}]}"), PEOPLE, List.of());
        assertThat(ok).extracting(Operation::op).containsExactly("create", "update", "delete");
        assertThat(ok.get(0).fields()).containsOnlyKeys("Name"); // field ids become names
        for (String bad : List.of("{}", "{\"operations\":[]}", "{\"operations\":[1]}",
                "{\"operations\":[{\"op\":\"create\",\"fields\":{\"Auto\":1}}]}",
                "{\"operations\":[{\"op\":\"create\",\"fields\":{}}]}",
                "{\"operations\":[{\"op\":\"update\",\"id\":\"recAAAAAAAAAAAAAA\",\"fields\":{\"Age\":1}},"
                        + "{\"op\":\"delete\",\"id\":\"recAAAAAAAAAAAAAA\"}]}",
                "{\"operations\":[{\"op\":\"delete\",\"id\":\"recAAAAAAAAAAAAAA\",\"fields\":{\"Age\":1}}]}",
                "{\"operations\":[{\"op\":\"upsert\",\"fields\":{\"Name\":\"a\"}}]}")) {
            assertThatThrownBy(() -> ChangeSetRequest.operations(JSON.readTree(bad), PEOPLE, List.of()))
                    .as(bad).isInstanceOf(ApiError.class);
        }
        assertThatThrownBy(() -> ChangeSetRequest.operations(JSON.readTree("{\"operations\":["
                + "{\"op\":\"upsert\",\"fields\":{\"Name\":\"a\"}},{\"op\":\"upsert\",\"fields\":{\"Name\":\"a\"}}]}"),
                PEOPLE, List.of("Name"))).isInstanceOf(ApiError.class).hasMessageContaining("operations[1]");
    }

    @Test
    void airtableFailuresBecomeTheErrorTypesTheStateMachineRetries() {
        assertThat(SagaHandler.classify(new AirtableException.RateLimited("RATE_LIMIT_REACHED", "slow", "x")))
                .isInstanceOf(AirtableBusyException.class);
        assertThat(SagaHandler.classify(new AirtableException.ServerError(500, "SERVER_ERROR", "boom", "x")))
                .isInstanceOf(TransientFailureException.class);
        assertThat(SagaHandler.classify(new AirtableException.Transport("timeout", "x", null)))
                .isInstanceOf(TransientFailureException.class);
        assertThat(SagaHandler.classify(new AirtableException.InvalidRequest(422, "INVALID_VALUE", "bad", "x")))
                .isInstanceOf(ChangeRejectedException.class);
        assertThat(SagaHandler.classify(new AirtableException.NotFound("NOT_FOUND", "gone", "x")))
                .isInstanceOf(ChangeRejectedException.class);
    }
}
