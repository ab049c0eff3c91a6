package io.pyairtable.functions.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The access-token signing keys, read from the secret {@code {"kid","key", "previous":{"kid","key"}?}} and cached in
 * memory for {@code ttl}. The current key signs; current and previous verify (rotation). An unknown {@code kid}
 * triggers one refetch (a key rotated since the cache was filled), at most once per {@code minRefetchInterval} so
 * forged kids cannot hammer Secrets Manager.
 */
public final class SigningKeys {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<String> secretSource;
    private final Clock clock;
    private final Duration ttl;
    private final Duration minRefetchInterval;
    private volatile Snapshot snapshot;

    private record Snapshot(SigningKey current, SigningKey previous, Instant fetchedAt) {
    }

    public SigningKeys(Supplier<String> secretSource, Clock clock, Duration ttl, Duration minRefetchInterval) {
        this.secretSource = secretSource;
        this.clock = clock;
        this.ttl = ttl;
        this.minRefetchInterval = minRefetchInterval;
    }

    /** The key new tokens are signed with. */
    public SigningKey current() {
        return snapshot(false).current();
    }

    /** The key with this id (current or previous), refetching once if unknown; null if still unknown. */
    public SigningKey byKid(String kid) {
        Snapshot s = snapshot(false);
        SigningKey key = match(s, kid);
        if (key != null) {
            return key;
        }
        if (Duration.between(s.fetchedAt(), clock.instant()).compareTo(minRefetchInterval) < 0) {
            return null;
        }
        return match(snapshot(true), kid);
    }

    private static SigningKey match(Snapshot s, String kid) {
        if (s.current().kid().equals(kid)) {
            return s.current();
        }
        if (s.previous() != null && s.previous().kid().equals(kid)) {
            return s.previous();
        }
        return null;
    }

    private Snapshot snapshot(boolean refresh) {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (!refresh && s != null && now.isBefore(s.fetchedAt().plus(ttl))) {
            return s;
        }
        synchronized (this) {
            Snapshot again = snapshot;
            if (again != s && again != null) {
                return again; // another thread fetched meanwhile
            }
            Snapshot fresh = parse(secretSource.get(), now);
            snapshot = fresh;
            return fresh;
        }
    }

    private static Snapshot parse(String secret, Instant now) {
        JsonNode root;
        try {
            root = JSON.readTree(secret);
        } catch (IOException e) {
            throw new IllegalStateException("the signing-key secret is not JSON"); // no content in the message
        }
        if (root == null || !root.isObject()) {
            throw new IllegalStateException("the signing-key secret is not a JSON object");
        }
        SigningKey current = key(root);
        JsonNode previous = root.get("previous");
        SigningKey old = previous == null || previous.isNull() ? null : key(previous);
        return new Snapshot(current, old, now);
    }

    private static SigningKey key(JsonNode node) {
        if (!node.path("kid").isTextual() || !node.path("key").isTextual()) {
            throw new IllegalStateException("the signing-key secret needs string fields kid and key");
        }
        return SigningKey.of(node.get("kid").textValue(), node.get("key").textValue());
    }
}
