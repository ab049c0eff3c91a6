package io.pyairtable.functions.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A change the model proposed and only the user can confirm. {@code kind} {@code changeset}: {@code request} is
 * the body of {@code POST /changesets}; {@code create_table}: {@code {"baseId","table":{name,description,fields},
 * "records":[{fields}]}}. {@code diff} is what the user reviews (before/after per record). Status: PROPOSED →
 * CONFIRMING → CONFIRMED (or back to PROPOSED when the confirmation failed).
 */
public record Proposal(String id, String kind, String status, String summary, JsonNode request, JsonNode diff,
        String createdAt, int turn, String changeSetId, String tableId) {
    public static final String CHANGESET = "changeset";
    public static final String CREATE_TABLE = "create_table";
    public static final String PROPOSED = "PROPOSED";
    public static final String CONFIRMING = "CONFIRMING";
    public static final String CONFIRMED = "CONFIRMED";

    public Proposal withTurn(int value) {
        return new Proposal(id, kind, status, summary, request, diff, createdAt, value, changeSetId, tableId);
    }

    /** As the API shows it. */
    public Map<String, Object> view() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("proposalId", id);
        out.put("kind", kind);
        out.put("status", status);
        out.put("summary", summary);
        out.put("diff", diff);
        out.put("createdAt", createdAt);
        out.put("turn", turn);
        if (changeSetId != null) {
            out.put("changeSetId", changeSetId);
        }
        if (tableId != null) {
            out.put("tableId", tableId);
        }
        return out;
    }
}
