package io.pyairtable.local.template;

/**
 * {@code GenerateSecretString} of a secret: a random password, either the whole secret or put under
 * {@code generateStringKey} into the JSON {@code secretStringTemplate}. Defaults are Secrets Manager's.
 */
public record GeneratedSecretSpec(String secretStringTemplate, String generateStringKey, int passwordLength,
        String excludeCharacters, boolean excludePunctuation, boolean excludeUppercase, boolean excludeLowercase,
        boolean excludeNumbers, boolean includeSpace, boolean requireEachIncludedType) {
    public static final int DEFAULT_PASSWORD_LENGTH = 32;
}
