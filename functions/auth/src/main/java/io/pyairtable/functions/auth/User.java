package io.pyairtable.functions.auth;

import java.time.Instant;

/** An account. {@link #toString()} leaves the password hash out. */
public record User(String id, String email, String passwordHash, Instant createdAt) {
    @Override
    public String toString() {
        return "User[id=" + id + ", email=" + email + "]";
    }
}
