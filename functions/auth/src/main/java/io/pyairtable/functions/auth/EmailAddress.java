package io.pyairtable.functions.auth;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Email validation for accounts: a pragmatic subset of RFC 5321 (ASCII local part of the usual characters, a domain of
 * labels with a dot), at most 254 characters. Uniqueness is on the lowercased form.
 */
public final class EmailAddress {
    public static final int MAX_LENGTH = 254;
    private static final Pattern VALID = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
                    + "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private EmailAddress() {
    }

    public static boolean isValid(String email) {
        return email != null && email.length() <= MAX_LENGTH && VALID.matcher(email).matches()
                && !email.startsWith(".") && !email.contains("..") && !email.contains(".@");
    }

    public static String normalize(String email) {
        return email.toLowerCase(Locale.ROOT);
    }
}
