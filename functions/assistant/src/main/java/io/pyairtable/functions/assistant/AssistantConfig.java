package io.pyairtable.functions.assistant;

import io.pyairtable.functions.core.Env;
import io.pyairtable.functions.core.airtable.AirtableConfig;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;

/**
 * AssistantFunction's settings from its environment (template.yaml; docs/assistant.md lists them). The model:
 * {@code ASSISTANT_API_URL} set → an OpenAI-compatible API ({@code ASSISTANT_MODEL}, key in the secret
 * {@code ASSISTANT_API_KEY_SECRET_ID}); else {@code ASSISTANT_MODEL_ID} set → Amazon Bedrock (Converse) in
 * {@code AWS_REGION}; else none (the message route answers 503).
 */
record AssistantConfig(AirtableConfig airtable, String conversationsTable, String apiUrl, String apiModel,
        String apiKeySecretId, String bedrockModelId, String region, URI bedrockEndpoint, long dailyTokenBudget,
        long contextTokens, int maxSteps, int maxOutputTokens, Duration modelTimeout, BigDecimal usdPerMillionInput,
        BigDecimal usdPerMillionOutput) {

    static final int MAX_STEPS = 8;

    static AssistantConfig from(Env env) {
        String region = env.optional("AWS_REGION", "us-east-1");
        return new AssistantConfig(AirtableConfig.from(env), env.required("CONVERSATIONS_TABLE"),
                env.optional("ASSISTANT_API_URL", null), env.optional("ASSISTANT_MODEL", null),
                env.optional("ASSISTANT_API_KEY_SECRET_ID", null), env.optional("ASSISTANT_MODEL_ID", null), region,
                URI.create(env.optional("AWS_ENDPOINT_URL_BEDROCK_RUNTIME",
                        BedrockConverseProvider.defaultEndpoint(region).toString())),
                Long.parseLong(env.optional("ASSISTANT_DAILY_TOKEN_BUDGET", "200000")),
                Long.parseLong(env.optional("ASSISTANT_CONTEXT_TOKENS", "24000")),
                Math.min(MAX_STEPS, Integer.parseInt(env.optional("ASSISTANT_MAX_STEPS", String.valueOf(MAX_STEPS)))),
                Integer.parseInt(env.optional("ASSISTANT_MAX_OUTPUT_TOKENS", "2048")),
                Duration.ofSeconds(Long.parseLong(env.optional("ASSISTANT_MODEL_TIMEOUT_SECONDS", "20"))),
                new BigDecimal(env.optional("ASSISTANT_USD_PER_MILLION_INPUT_TOKENS", "0")),
                new BigDecimal(env.optional("ASSISTANT_USD_PER_MILLION_OUTPUT_TOKENS", "0")));
    }

    BigDecimal cost(long inputTokens, long outputTokens) {
        BigDecimal million = BigDecimal.valueOf(1_000_000);
        return usdPerMillionInput.multiply(BigDecimal.valueOf(inputTokens)).add(
                usdPerMillionOutput.multiply(BigDecimal.valueOf(outputTokens))).divide(million)
                .setScale(6, java.math.RoundingMode.HALF_UP);
    }
}
