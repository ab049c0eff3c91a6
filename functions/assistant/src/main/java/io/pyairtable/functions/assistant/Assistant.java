package io.pyairtable.functions.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pyairtable.airtable.AirtableApi;
import io.pyairtable.airtable.AirtableException;
import io.pyairtable.airtable.Schema;
import io.pyairtable.functions.core.ApiError;
import io.pyairtable.functions.core.airtable.AirtableErrors;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The conversation logic behind the routes: the bounded tool loop (at most {@link AssistantConfig#maxSteps} model
 * calls per message, {@link #MAX_CALLS_PER_STEP} tool calls per step, tool results ≤ 8 KB), the daily token budget,
 * usage and cost per message, history, and turning a confirmed proposal into a change set.
 */
final class Assistant {
    static final int MAX_CALLS_PER_STEP = 5;
    static final int MAX_PROPOSALS_PER_TURN = 10;
    static final Duration MIN_MODEL_TIME = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code ChangeSets.submit}: the body of {@code POST /changesets} for a user → the job summary. */
    interface ChangeSetSubmitter {
        Map<String, Object> submit(String user, JsonNode body);
    }

    private final AssistantConfig config;
    private final ConversationStore store;
    private final TokenBudget budget;
    private final Optional<ModelProvider> model;
    private final AirtableTools tools;
    private final Function<String, AirtableApi> airtable;
    private final ChangeSetSubmitter changeSets;
    private final Clock clock;
    private final List<ToolSpec> specs = AirtableTools.specs();

    Assistant(AssistantConfig config, ConversationStore store, TokenBudget budget, Optional<ModelProvider> model,
            Function<String, AirtableApi> airtable, ChangeSetSubmitter changeSets, Clock clock) {
        this.config = config;
        this.store = store;
        this.budget = budget;
        this.model = model;
        this.tools = new AirtableTools(clock);
        this.airtable = airtable;
        this.changeSets = changeSets;
        this.clock = clock;
    }

    Map<String, Object> create(String user, String title, String baseId) {
        return summary(store.create(user, title, baseId));
    }

    Map<String, Object> history(String user, String id) {
        ConversationStore.Conversation conversation = store.owned(user, id);
        Map<String, Object> out = summary(conversation);
        List<Map<String, Object>> messages = new ArrayList<>();
        for (ConversationStore.Turn turn : store.turns(id)) {
            for (ChatMessage message : turn.messages()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("turn", turn.number());
                m.putAll(JSON.convertValue(message, Map.class));
                messages.add(m);
            }
        }
        out.put("messages", messages);
        out.put("proposals", store.proposals(id).stream().map(Proposal::view).toList());
        return out;
    }

    void delete(String user, String id) {
        store.owned(user, id);
        store.delete(id);
    }

    /** One user message: the tool loop, then the turn stored with its proposals. */
    Map<String, Object> send(String user, String id, String text, Instant deadline) {
        ConversationStore.Conversation conversation = store.owned(user, id);
        ModelProvider provider = model.orElseThrow(() -> new ApiError(503, "ASSISTANT_NOT_CONFIGURED",
                ModelProviders.HOW_TO_CONFIGURE));
        if (conversation.turns() >= ConversationStore.MAX_TURNS) {
            throw ApiError.conflict("CONVERSATION_FULL", "This conversation has " + ConversationStore.MAX_TURNS
                    + " messages; start a new one.");
        }
        budget.check(user);

        List<List<ChatMessage>> past = store.turns(id).stream().map(ConversationStore.Turn::messages).toList();
        String system = SystemPrompt.build(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), conversation.baseId());
        long fixed = Tokens.estimate(system) + specs.stream()
                .mapToLong(s -> Tokens.estimate(s.description()) + Tokens.estimate(s.parameters().toString())).sum();
        List<ChatMessage> turn = new ArrayList<>();
        turn.add(ChatMessage.user(text));
        List<Proposal> proposals = new ArrayList<>();
        List<Map<String, Object>> calls = new ArrayList<>();
        AirtableApi[] api = {null};
        AirtableTools.Context context = new AirtableTools.Context(() -> {
            if (api[0] == null) {
                api[0] = airtable.apply(user);
            }
            return api[0];
        }, conversation.baseId(), proposal -> {
            if (proposals.size() >= MAX_PROPOSALS_PER_TURN) {
                throw new ToolException("at most " + MAX_PROPOSALS_PER_TURN + " proposals per message");
            }
            proposals.add(proposal);
        });

        long input = 0;
        long output = 0;
        boolean estimated = false;
        int steps = 0;
        String stopReason;
        String answer = null;
        while (true) {
            if (steps >= config.maxSteps()) {
                stopReason = "max_steps";
                break;
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.compareTo(MIN_MODEL_TIME) < 0) {
                if (steps == 0) {
                    throw new ModelException("no time left to ask the model");
                }
                stopReason = "time_limit";
                break;
            }
            if (steps > 0 && budget.exhausted(user)) {
                stopReason = "budget_exhausted";
                break;
            }
            List<ChatMessage> messages = ContextWindow.fit(fixed, past, turn, config.contextTokens());
            Duration timeout = left.compareTo(config.modelTimeout()) < 0 ? left : config.modelTimeout();
            ModelReply reply = provider.complete(new ModelRequest(system, messages, specs, config.maxOutputTokens(),
                    timeout));
            steps++;
            input += reply.inputTokens();
            output += reply.outputTokens();
            estimated |= reply.usageEstimated();
            budget.add(user, reply.inputTokens(), reply.outputTokens(),
                    config.cost(reply.inputTokens(), reply.outputTokens()));
            turn.add(ChatMessage.assistant(reply.text(), reply.toolCalls()));
            if (reply.text() != null) {
                answer = reply.text();
            }
            if (reply.toolCalls().isEmpty()) {
                stopReason = reply.stopReason();
                break;
            }
            for (int i = 0; i < reply.toolCalls().size(); i++) {
                ToolCall call = reply.toolCalls().get(i);
                String result = i < MAX_CALLS_PER_STEP ? tools.execute(call, context)
                        : ToolResults.error(call.name(), "not run: at most " + MAX_CALLS_PER_STEP
                                + " tool calls per step; call it again in the next step");
                turn.add(ChatMessage.tool(call.id(), call.name(), result));
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("id", call.id());
                c.put("name", call.name());
                c.put("arguments", call.arguments());
                c.put("ok", !result.startsWith(ToolResults.ERROR_PREFIX));
                calls.add(c);
            }
        }

        BigDecimal cost = config.cost(input, output);
        int number = conversation.turns() + 1;
        List<Proposal> stored = proposals.stream().map(p -> p.withTurn(number)).toList();
        store.saveTurn(conversation, new ConversationStore.Turn(number, clock.instant().toString(), turn, input, output,
                cost, steps, stopReason, provider.name()), stored);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversationId", id);
        out.put("turn", number);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("role", ChatMessage.ASSISTANT);
        reply.put("content", answer);
        out.put("reply", reply);
        out.put("toolCalls", calls);
        out.put("proposals", stored.stream().map(Proposal::view).toList());
        out.put("stopReason", stopReason);
        out.put("steps", steps);
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("inputTokens", input);
        usage.put("outputTokens", output);
        usage.put("estimated", estimated);
        usage.put("estimatedCostUsd", cost);
        out.put("usage", usage);
        out.put("model", provider.name());
        return out;
    }

    /**
     * The user confirms a proposal: a record change becomes a change set (the saga applies it, all or nothing); a
     * new table is created at once through Airtable's schema API — not part of the saga, so not rolled back — and
     * its proposed records follow as a change set.
     */
    Map<String, Object> confirm(String user, String id, String proposalId) {
        store.owned(user, id);
        Proposal proposal = store.proposal(id, proposalId).orElseThrow(() -> ApiError.notFound("No such proposal."));
        if (!Proposal.PROPOSED.equals(proposal.status()) || !store.claim(id, proposalId)) {
            throw ApiError.conflict("PROPOSAL_NOT_PENDING", "This proposal is " + proposal.status()
                    + (proposal.changeSetId() == null ? "" : " (change set " + proposal.changeSetId() + ")")
                    + "; it can be confirmed only once.");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("proposalId", proposalId);
        out.put("kind", proposal.kind());
        if (Proposal.CHANGESET.equals(proposal.kind())) {
            Map<String, Object> job;
            try {
                job = changeSets.submit(user, proposal.request());
            } catch (RuntimeException e) {
                store.release(id, proposalId);
                throw e;
            }
            String changeSetId = String.valueOf(job.get("changeSetId"));
            store.confirmed(id, proposalId, changeSetId, null);
            out.put("status", Proposal.CONFIRMED);
            out.put("changeSetId", changeSetId);
            out.put("changeSet", job);
            return out;
        }
        JsonNode request = proposal.request();
        Schema.TableSchema created;
        try {
            List<Schema.FieldSpec> fields = new ArrayList<>();
            for (JsonNode field : request.at("/table/fields")) {
                fields.add(new Schema.FieldSpec(field.get("name").asText(), field.get("type").asText(),
                        field.hasNonNull("description") ? field.get("description").asText() : null,
                        field.get("options")));
            }
            JsonNode description = request.at("/table/description");
            created = airtable.apply(user).base(request.get("baseId").asText()).createTable(new Schema.TableSpec(
                    request.at("/table/name").asText(), description.isTextual() ? description.asText() : null, fields));
        } catch (RuntimeException e) {
            store.release(id, proposalId);
            throw e;
        }
        out.put("status", Proposal.CONFIRMED);
        out.put("table", Map.of("id", created.id(), "name", created.name()));
        String changeSetId = null;
        JsonNode records = request.get("records");
        if (records != null && !records.isEmpty()) {
            ObjectNode body = JSON.createObjectNode().put("baseId", request.get("baseId").asText())
                    .put("table", created.id()).put("typecast", true);
            ArrayNode operations = body.putArray("operations");
            records.forEach(r -> operations.addObject().put("op", "create").set("fields", r.get("fields")));
            try {
                Map<String, Object> job = changeSets.submit(user, body);
                changeSetId = String.valueOf(job.get("changeSetId"));
                out.put("changeSetId", changeSetId);
                out.put("changeSet", job);
            } catch (ApiError | AirtableException e) { // the table exists: report, do not hide
                ApiError error = e instanceof AirtableException a ? AirtableErrors.toApiError(a) : (ApiError) e;
                out.put("recordsError", Map.of("code", error.code(), "message", error.getMessage()));
            }
        }
        store.confirmed(id, proposalId, changeSetId, created.id());
        return out;
    }

    private static Map<String, Object> summary(ConversationStore.Conversation c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversationId", c.id());
        out.put("title", c.title());
        out.put("baseId", c.baseId());
        out.put("createdAt", c.createdAt());
        out.put("updatedAt", c.updatedAt());
        out.put("expiresAt", Instant.ofEpochSecond(c.expiresAt()).toString());
        out.put("turns", c.turns());
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("inputTokens", c.inputTokens());
        usage.put("outputTokens", c.outputTokens());
        usage.put("estimatedCostUsd", c.costUsd());
        out.put("usage", usage);
        return out;
    }
}
