package io.pyairtable.functions.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    final PasswordHasher cheap = new PasswordHasher(64, 1, 1);

    @Test
    void defaultsAreArgon2idAtOwaspParameters() {
        String hash = new PasswordHasher().hash("correct battery horse");
        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(new PasswordHasher().verify("correct battery horse", hash)).isTrue();
        assertThat(new PasswordHasher().verify("correct battery horsE", hash)).isFalse();
    }

    @Test
    void saltsEveryHashAndVerifiesWithTheStoredParameters() {
        String a = cheap.hash("same password");
        String b = cheap.hash("same password");
        assertThat(a).isNotEqualTo(b);
        assertThat(new PasswordHasher().verify("same password", a)).as("parameters come from the string").isTrue();
        assertThat(cheap.verify("same password", b)).isTrue();
        assertThat(cheap.verify("", a)).isFalse();
    }

    @Test
    void matchesTheArgon2idReferenceVector() {
        // RFC 9106 is for raw Argon2 with secret/ad; this is the phc-winner-argon2 CLI vector:
        // echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1 -l 32
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertThat(cheap.verify("password", reference)).isTrue();
        assertThat(cheap.verify("passwore", reference)).isFalse();
    }

    @Test
    void malformedOrForeignHashesNeverMatch() {
        for (String bad : new String[] {null, "", "plain", "$2a$12$abcdefghijklmnopqrstuv", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
                "$argon2id$v=16$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA", "$argon2id$v=19$m=64,t=1$c2FsdHNhbHQ$aGFzaA",
                "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$aGFzaA", "$argon2id$v=19$m=64,t=1,p=1$%%%$aGFzaA",
                "$argon2id$v=19$m=64,t=1,p=1,x=1$c2FsdHNhbHQ$aGFzaA"}) {
            assertThat(cheap.verify("password", bad)).as(String.valueOf(bad)).isFalse();
        }
    }
}
