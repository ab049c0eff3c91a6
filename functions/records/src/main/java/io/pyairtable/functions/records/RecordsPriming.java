package io.pyairtable.functions.records;

import static io.pyairtable.functions.core.snapstart.PrimingEvents.anonymous;
import static io.pyairtable.functions.core.snapstart.PrimingEvents.authorized;
import static io.pyairtable.functions.core.snapstart.PrimingEvents.expect;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.pyairtable.functions.core.JsonBody;
import io.pyairtable.functions.core.snapstart.OfflineSdk;
import io.pyairtable.functions.core.snapstart.Priming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SnapStart priming of {@link RecordsHandler} ({@link Priming}): requests rejected before any AWS or Airtable call
 * (no caller, malformed ids, a connection without a token, an unknown route), a record list query and a write body
 * parsed as the routes parse them, and the AWS SDK offline. Airtable itself is never called.
 */
final class RecordsPriming {
    private static final String BASE = "appPRIMINGPRIMING";

    private RecordsPriming() {
    }

    static List<Priming.Step> steps(RecordsHandler handler, Map<String, String> env) {
        List<Priming.Step> steps = new ArrayList<>(OfflineSdk.common(env));
        steps.add(Priming.step("GET /bases without a caller", () -> expect(401, handler.handleRequest(
                anonymous("GET /bases", "/bases", null, null), null))));
        steps.add(Priming.step("GET /bases/{baseId}/tables with a malformed base id", () -> expect(400,
                handler.handleRequest(authorized("GET /bases/{baseId}/tables", "/bases/priming/tables", null,
                        Map.of("baseId", "priming")), null))));
        steps.add(Priming.step("POST records to a malformed base id", () -> expect(400, handler.handleRequest(
                authorized("POST " + RecordsHandler.RECORDS, "/bases/priming/tables/Tasks/records",
                        "{\"records\":[{\"fields\":{\"Name\":\"x\"}}]}", Map.of("baseId", "priming", "table", "Tasks")),
                null))));
        steps.add(Priming.step("PUT /connections/airtable without a token", () -> expect(400, handler.handleRequest(
                authorized("PUT /connections/airtable", "/connections/airtable", "{}", null), null))));
        steps.add(Priming.step("unknown route", () -> expect(404, handler.handleRequest(
                authorized("GET /priming", "/priming", null, null), null))));
        steps.add(Priming.step("record list query and write body", () -> {
            Map<String, String> path = Map.of("baseId", BASE, "table", "Tasks");
            APIGatewayV2HTTPEvent list = authorized("GET " + RecordsHandler.RECORDS,
                    "/bases/" + BASE + "/tables/Tasks/records", null, path);
            list.setRawQueryString("pageSize=50&view=Grid&fields=Name,Status&sort=Name:desc&sort=Status");
            Params params = new Params(list);
            params.baseId();
            params.table();
            params.recordQuery();
            params.offset();
            JsonNode body = JsonBody.parse(authorized("POST " + RecordsHandler.RECORDS,
                    "/bases/" + BASE + "/tables/Tasks/records",
                    "{\"records\":[{\"fields\":{\"Name\":\"x\",\"Count\":1,\"Done\":true}}],\"typecast\":true}", path),
                    RecordsHandler.MAX_BODY_BYTES).root();
            RecordWrites.newRecords(body);
            RecordWrites.typecast(body);
        }));
        return steps;
    }
}
