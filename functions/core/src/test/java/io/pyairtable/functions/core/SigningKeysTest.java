package io.pyairtable.functions.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SigningKeysTest {
    static final String KEY_A = "a".repeat(64);
    static final String KEY_B = "b".repeat(64);

    final AtomicReference<String> secret = new AtomicReference<>("{\"kid\":\"k1\",\"key\":\"" + KEY_A + "\"}");
    final AtomicInteger fetches = new AtomicInteger();
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    final SigningKeys keys = new SigningKeys(() -> {
        fetches.incrementAndGet();
        return secret.get();
    }, clock, Duration.ofMinutes(5), Duration.ofSeconds(5));

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void cachesForTheTtl() {
        assertThat(keys.current().kid()).isEqualTo("k1");
        clock.now = clock.now.plus(Duration.ofMinutes(4));
        keys.current();
        keys.byKid("k1");
        assertThat(fetches).hasValue(1);
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        keys.current();
        assertThat(fetches).hasValue(2);
    }

    @Test
    void refetchesOnceForAnUnknownKidThenKnowsTheRotatedKeys() {
        keys.current();
        secret.set("{\"kid\":\"k2\",\"key\":\"" + KEY_B + "\",\"previous\":{\"kid\":\"k1\",\"key\":\"" + KEY_A + "\"}}");
        clock.now = clock.now.plusSeconds(10);
        assertThat(keys.byKid("k2").kid()).isEqualTo("k2");
        assertThat(fetches).hasValue(2);
        assertThat(keys.byKid("k1").kid()).isEqualTo("k1");
        assertThat(keys.current().kid()).isEqualTo("k2");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void unknownKidsCannotHammerTheSecretStore() {
        keys.current();
        for (int i = 0; i < 100; i++) {
            assertThat(keys.byKid("forged-" + i)).isNull();
        }
        assertThat(fetches).hasValue(1);
        clock.now = clock.now.plusSeconds(6);
        assertThat(keys.byKid("forged")).isNull();
        assertThat(fetches).hasValue(2);
    }

    @Test
    void malformedSecretsFailWithoutShowingTheirContent() {
        secret.set("{\"kid\":\"k1\",\"key\":\"short-" + "secretvalue\"}");
        assertThatThrownBy(keys::current).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secretvalue"));
        secret.set("not json secretvalue");
        assertThatThrownBy(keys::current).isInstanceOf(IllegalStateException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secretvalue"));
        secret.set("{\"kid\":1}");
        assertThatThrownBy(keys::current).hasMessageContaining("kid and key");
    }
}
