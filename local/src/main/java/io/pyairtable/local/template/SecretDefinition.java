package io.pyairtable.local.template;

import java.util.Optional;

/**
 * An {@code AWS::SecretsManager::Secret}: either a fixed {@code SecretString} or a {@code GenerateSecretString}
 * spec (exactly one of them, or neither: an empty secret).
 *
 * @param arn the partial ARN that {@code !Ref} returns
 */
public record SecretDefinition(String logicalId, String name, String arn, String description, String secretString,
        GeneratedSecretSpec generateSecretString) {
    public Optional<String> fixedValue() {
        return Optional.ofNullable(secretString);
    }

    public Optional<GeneratedSecretSpec> generated() {
        return Optional.ofNullable(generateSecretString);
    }
}
