package io.pyairtable.functions.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new password must be: 12 to 256 characters (a passphrase of several words is the easy way there; spaces
 * count), not a common password (the bundled {@code common-passwords.txt}, compared case-insensitively and also with
 * spaces removed), not made of one repeated character and not the account's email address or its local part.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;

    private final Set<String> common;

    public PasswordPolicy(Set<String> common) {
        this.common = Set.copyOf(common);
    }

    /** The policy with the bundled list of common passwords. */
    public static PasswordPolicy bundled() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PasswordPolicy(words);
    }

    /** Why {@code password} is not acceptable for the account {@code email}, or empty if it is. */
    public Optional<String> problem(String password, String email) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("The password must be at least " + MIN_LENGTH
                    + " characters long; a passphrase of a few unrelated words works well.");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("The password must be at most " + MAX_LENGTH + " characters long.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower) || common.contains(lower.replace(" ", ""))) {
            return Optional.of("This password is too common; choose another one.");
        }
        if (password.codePoints().distinct().count() == 1) {
            return Optional.of("The password must not repeat a single character.");
        }
        if (email != null) {
            String mail = email.toLowerCase(Locale.ROOT);
            int at = mail.indexOf('@');
            if (lower.equals(mail) || (at >= 0 && lower.equals(mail.substring(0, at)))) {
                return Optional.of("The password must not be your email address.");
            }
        }
        return Optional.empty();
    }

    int size() {
        return common.size();
    }
}
