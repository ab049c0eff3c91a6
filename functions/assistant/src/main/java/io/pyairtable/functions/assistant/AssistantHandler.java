package io.pyairtable.functions.assistant;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.pyairtable.airtable.AirtableException;
import io.pyairtable.functions.core.ApiError;
import io.pyairtable.functions.core.AuthorizedUser;
import io.pyairtable.functions.core.ApiResponses;
import io.pyairtable.functions.core.AwsClients;
import io.pyairtable.functions.core.DynamoDbRateLimiter;
import io.pyairtable.functions.core.Env;
import io.pyairtable.functions.core.JsonBody;
import io.pyairtable.functions.core.airtable.AirtableClients;
import io.pyairtable.functions.core.airtable.AirtableErrors;
import io.pyairtable.functions.core.airtable.Connections;
import io.pyairtable.functions.core.telemetry.Invocation;
import io.pyairtable.functions.core.telemetry.Telemetry;
import io.pyairtable.functions.imports.ChangeSets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * AssistantFunction: {@code /assistant/conversations*} (docs/api.md, docs/assistant.md). The caller is the
 * authorizer's {@code sub}; another user's conversation answers 404 like one that does not exist. Model failures
 * are {@code 502 ASSISTANT_MODEL_ERROR}, never a 500; one log line per request (route, status, latency, user id;
 * correlation id = request id) — never a message or model output.
 */
public final class AssistantHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int MAX_MESSAGE_BYTES = 16 * 1024;
    static final int MAX_BODY_BYTES = 24 * 1024;
    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final Pattern BASE_ID = Pattern.compile("app[A-Za-z0-9]{14}");
    static final Duration SAFETY = Duration.ofSeconds(2);
    static final String CONVERSATION = "/assistant/conversations/{conversationId}";

    private final Assistant assistant;
    private final Telemetry telemetry;

    public AssistantHandler() {
        this(System.getenv());
    }

    public AssistantHandler(Map<String, String> env) {
        this(new Env(env));
        io.pyairtable.functions.core.snapstart.Priming.register(env, this, handler -> AssistantPriming.steps(handler, env));
    }

    private AssistantHandler(Env env) {
        this(env, AssistantConfig.from(env), new AwsClients(env), new Telemetry(AssistantHandler.class, env.asMap()));
    }

    private AssistantHandler(Env env, AssistantConfig config, AwsClients aws, Telemetry telemetry) {
        this(env, config, aws, aws.dynamoDb(), telemetry);
    }

    private AssistantHandler(Env env, AssistantConfig config, AwsClients aws, DynamoDbClient dynamo,
            Telemetry telemetry) {
        this(env, config, aws, dynamo, AirtableClients.withTelemetry(config.airtable().airtableApiUrl(),
                DynamoDbRateLimiter.airtableDefaults(dynamo, config.airtable().rateLimitsTable(),
                        telemetry.penaltyListener()), telemetry), telemetry);
    }

    private AssistantHandler(Env env, AssistantConfig config, AwsClients aws, DynamoDbClient dynamo,
            AirtableClients clients, Telemetry telemetry) {
        this.telemetry = telemetry;
        Clock clock = Clock.systemUTC();
        Connections connections = new Connections(aws.secretsManager(), config.airtable(),
                token -> clients.forToken(token).whoami(), clock);
        ChangeSetsOnDemand changeSets = new ChangeSetsOnDemand(env.asMap(), telemetry);
        this.assistant = new Assistant(config, new ConversationStore(dynamo, config.conversationsTable(), clock),
                new TokenBudget(dynamo, config.conversationsTable(), config.dailyTokenBudget(), clock),
                ModelProviders.from(config, aws.credentials(), aws::secretsManager),
                user -> clients.forToken(connections.tokenFor(user).value()), changeSets::submit, clock);
    }

    /** {@link ChangeSets} built on first use (S3 and Step Functions clients are not needed to chat). */
    private static final class ChangeSetsOnDemand {
        private final Map<String, String> env;
        private final Telemetry telemetry;
        private ChangeSets changeSets;

        ChangeSetsOnDemand(Map<String, String> env, Telemetry telemetry) {
            this.env = env;
            this.telemetry = telemetry;
        }

        synchronized Map<String, Object> submit(String user, JsonNode body) {
            if (changeSets == null) {
                changeSets = new ChangeSets(env, telemetry);
            }
            return changeSets.submit(user, body);
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return telemetry.http(event, context, invocation -> handle(event, context, invocation));
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context, Invocation invocation) {
        String requestId = invocation.correlationId();
        String route = event == null || event.getRouteKey() == null ? "" : event.getRouteKey();
        APIGatewayV2HTTPResponse response;
        try {
            response = route(route, event, deadline(context), invocation);
        } catch (ApiError error) {
            response = ApiResponses.error(error, requestId);
        } catch (ModelException model) {
            invocation.field("model_error", model.getMessage()); // as the 502 body says it
            response = ApiResponses.error(new ApiError(502, "ASSISTANT_MODEL_ERROR",
                    "The assistant's model failed: " + model.getMessage() + ". Try again."), requestId);
        } catch (AirtableException airtable) {
            response = ApiResponses.error(AirtableErrors.toApiError(airtable), requestId);
        } catch (RuntimeException bug) {
            invocation.unexpected(bug);
            response = ApiResponses.internalError(requestId);
        }
        return response;
    }

    private APIGatewayV2HTTPResponse route(String route, APIGatewayV2HTTPEvent event, Instant deadline,
            Invocation invocation) {
        String user = AuthorizedUser.of(event);
        invocation.user(user);
        Map<String, String> path = event.getPathParameters() == null ? Map.of() : event.getPathParameters();
        switch (route) {
            case "POST /assistant/conversations" -> {
                JsonNode body = event.getBody() == null || event.getBody().isBlank() ? null
                        : JsonBody.parse(event, MAX_BODY_BYTES).root();
                String title = body == null ? null : text(body, "title", 200);
                String baseId = body == null ? null : text(body, "baseId", 17);
                if (baseId != null && !BASE_ID.matcher(baseId).matches()) {
                    throw ApiError.validation("The field 'baseId' must be an Airtable base id (app + 14 letters or digits).");
                }
                return ApiResponses.json(201, assistant.create(user, title, baseId));
            }
            case "GET " + CONVERSATION -> {
                return ApiResponses.json(200, assistant.history(user, id(path, "conversationId", "conversation")));
            }
            case "DELETE " + CONVERSATION -> {
                assistant.delete(user, id(path, "conversationId", "conversation"));
                return ApiResponses.noContent();
            }
            case "POST " + CONVERSATION + "/messages" -> {
                String id = id(path, "conversationId", "conversation");
                JsonBody body = JsonBody.parse(event, MAX_BODY_BYTES);
                JsonNode message = body.root().get("message");
                if (message != null && message.isTextual()
                        && message.textValue().getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
                    throw new ApiError(413, "PAYLOAD_TOO_LARGE", "The message is larger than " + MAX_MESSAGE_BYTES
                            + " bytes.");
                }
                String text = body.requiredString("message", MAX_MESSAGE_BYTES);
                if (text.isBlank()) {
                    throw ApiError.validation("The field 'message' must not be blank.");
                }
                return ApiResponses.json(200, assistant.send(user, id, text, deadline));
            }
            case "POST " + CONVERSATION + "/changesets/{proposalId}/confirm" -> {
                String id = id(path, "conversationId", "conversation");
                String proposalId = id(path, "proposalId", "proposal");
                Map<String, Object> confirmed = assistant.confirm(user, id, proposalId);
                return ApiResponses.json(confirmed.containsKey("changeSetId") ? 202 : 201, confirmed);
            }
            default -> throw ApiError.notFound("No route " + route + ".");
        }
    }

    private static String text(JsonNode body, String field, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank() || value.textValue().length() > max
                || value.textValue().chars().anyMatch(Character::isISOControl)) {
            throw ApiError.validation("The field '" + field + "' must be a string of 1 to " + max
                    + " characters without control characters.");
        }
        return value.textValue();
    }

    private static String id(Map<String, String> path, String name, String what) {
        String value = path.get(name);
        if (value == null || !UUID.matcher(value).matches()) {
            throw ApiError.validation("The " + what + " id in the path must be a lowercase UUID.");
        }
        return value;
    }

    /** When the answer must be on its way: the function's remaining time minus a safety margin. */
    private static Instant deadline(Context context) {
        long remaining = context == null ? 25_000 : context.getRemainingTimeInMillis();
        return Instant.now().plusMillis(remaining).minus(SAFETY);
    }
}
