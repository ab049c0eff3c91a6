package io.pyairtable.functions.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Picks the configured model provider (docs/assistant.md), or none. */
final class ModelProviders {
    static final String HOW_TO_CONFIGURE = "The assistant has no model configured. Deploy with the template "
            + "parameter AssistantModelId set to a Bedrock model id (e.g. anthropic.claude-3-5-haiku-20241022-v1:0, "
            + "enabled in the Bedrock console) or AssistantApiUrl set to an OpenAI-compatible API "
            + "(e.g. https://api.openai.com/v1, with AssistantModel and AssistantApiKeySecretId); see docs/assistant.md.";
    private static final Duration KEY_CACHE = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelProviders() {
    }

    static Optional<ModelProvider> from(AssistantConfig config, AwsCredentialsProvider credentials,
            Supplier<SecretsManagerClient> secrets) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        if (config.apiUrl() != null) {
            Supplier<String> key = config.apiKeySecretId() == null ? () -> null
                    : new CachedKey(secrets, config.apiKeySecretId());
            return Optional.of(new OpenAiChatProvider(URI.create(config.apiUrl()), config.apiModel(), key, http));
        }
        if (config.bedrockModelId() != null) {
            return Optional.of(new BedrockConverseProvider(config.bedrockEndpoint(), config.region(),
                    config.bedrockModelId(), credentials, http));
        }
        return Optional.empty();
    }

    /** The API key from Secrets Manager ({@code {"apiKey":…}} or the bare key), cached for 5 minutes. */
    private static final class CachedKey implements Supplier<String> {
        private final Supplier<SecretsManagerClient> secrets;
        private final String secretId;
        private String value;
        private Instant expires = Instant.MIN;

        CachedKey(Supplier<SecretsManagerClient> secrets, String secretId) {
            this.secrets = secrets;
            this.secretId = secretId;
        }

        @Override
        public synchronized String get() {
            if (Instant.now().isBefore(expires)) {
                return value;
            }
            String secret;
            try {
                secret = secrets.get().getSecretValue(b -> b.secretId(secretId)).secretString();
            } catch (RuntimeException e) {
                throw new ModelException("the model's API key secret could not be read (" + e.getClass().getSimpleName() + ")");
            }
            String key = secret == null ? null : secret.trim();
            try {
                JsonNode json = JSON.readTree(key);
                if (json != null && json.isObject()) {
                    key = json.path("apiKey").asText(json.path("key").asText(null));
                }
            } catch (Exception bare) {
                // a bare key
            }
            value = key;
            expires = Instant.now().plus(KEY_CACHE);
            return value;
        }
    }
}
