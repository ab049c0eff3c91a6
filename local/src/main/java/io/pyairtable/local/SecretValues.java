package io.pyairtable.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pyairtable.local.template.GeneratedSecretSpec;
import java.security.SecureRandom;

/** Generates secret values the way {@code GenerateSecretString} does. */
final class SecretValues {
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String DIGITS = "0123456789";
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretValues() {}

    static String generate(GeneratedSecretSpec spec) {
        StringBuilder alphabet = new StringBuilder();
        if (!spec.excludeLowercase()) {
            alphabet.append(LOWER);
        }
        if (!spec.excludeUppercase()) {
            alphabet.append(UPPER);
        }
        if (!spec.excludeNumbers()) {
            alphabet.append(DIGITS);
        }
        if (!spec.excludePunctuation()) {
            alphabet.append(PUNCTUATION);
        }
        if (spec.includeSpace()) {
            alphabet.append(' ');
        }
        String excluded = spec.excludeCharacters() == null ? "" : spec.excludeCharacters();
        String usable = alphabet.chars().filter(c -> excluded.indexOf(c) < 0)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("GenerateSecretString excludes every character");
        }
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < spec.passwordLength(); i++) {
            password.append(usable.charAt(RANDOM.nextInt(usable.length())));
        }
        if (spec.secretStringTemplate() == null || spec.generateStringKey() == null) {
            return password.toString();
        }
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode template = (ObjectNode) json.readTree(spec.secretStringTemplate());
            template.put(spec.generateStringKey(), password.toString());
            return json.writeValueAsString(template);
        } catch (Exception e) {
            throw new IllegalArgumentException("SecretStringTemplate is not a JSON object: " + e.getMessage(), e);
        }
    }
}
