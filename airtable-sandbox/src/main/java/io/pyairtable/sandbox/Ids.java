package io.pyairtable.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Airtable-style identifiers: a three-letter prefix ({@code app}, {@code tbl}, {@code fld},
 * {@code viw}, {@code rec}, {@code att}, {@code sel}, {@code usr}, {@code itr}) followed by 14
 * alphanumerics, 17 characters in total.
 */
final class Ids {

    static final int LENGTH = 17;
    private static final int RANDOM_PART = 14;
    private static final String ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** A fresh random id such as {@code recA1b2C3d4E5f6G7}. */
    static String random(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < RANDOM_PART; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    /**
     * A deterministic id derived from {@code key}: the same key always gives the same id, so the
     * seeded demo data has stable ids that documentation can cite.
     */
    static String stable(String prefix, String key) {
        byte[] hash = sha256(key);
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < RANDOM_PART; i++) {
            id.append(ALPHABET.charAt((hash[i] & 0xff) % ALPHABET.length()));
        }
        return id.toString();
    }

    /** Whether {@code text} looks like an id with the given prefix. */
    static boolean looksLike(String prefix, String text) {
        if (text == null || text.length() != LENGTH || !text.startsWith(prefix)) {
            return false;
        }
        for (int i = prefix.length(); i < LENGTH; i++) {
            if (ALPHABET.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** A random lowercase hex string, used for the secret part of personal access tokens. */
    static String randomHex(int length) {
        StringBuilder hex = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            hex.append(Character.forDigit(RANDOM.nextInt(16), 16));
        }
        return hex.toString();
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
