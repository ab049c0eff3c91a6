package io.pyairtable.functions.core;

import java.nio.charset.StandardCharsets;

/** An HS256 key and its id. {@link #toString()} never shows the key material. */
public final class SigningKey {
    private final String kid;
    private final byte[] key;

    public SigningKey(String kid, byte[] key) {
        if (kid == null || kid.isEmpty() || kid.length() > 64) {
            throw new IllegalArgumentException("a signing key needs a kid of 1 to 64 characters");
        }
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("an HS256 key needs at least 32 bytes");
        }
        this.kid = kid;
        this.key = key.clone();
    }

    public static SigningKey of(String kid, String key) {
        return new SigningKey(kid, key == null ? null : key.getBytes(StandardCharsets.UTF_8));
    }

    public String kid() {
        return kid;
    }

    byte[] key() {
        return key;
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", key=<redacted>]";
    }
}
