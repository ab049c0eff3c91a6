package io.pyairtable.functions.auth;

/**
 * What the tokens of a login give the client. {@link #toString()} hides both tokens.
 */
public record Session(User user, String accessToken, long expiresIn, String refreshToken) {
    @Override
    public String toString() {
        return "Session[user=" + user + "]";
    }
}
