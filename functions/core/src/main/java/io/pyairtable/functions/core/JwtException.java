package io.pyairtable.functions.core;

/** A token that must not be accepted; the message says why (never the token itself). */
public final class JwtException extends Exception {
    public JwtException(String message) {
        super(message, null, false, false);
    }
}
