package io.pyairtable.functions.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefreshTokensTest {
    final RefreshTokens tokens = new RefreshTokens();

    @Test
    void formatsAndParsesFamilyAndSecret() {
        String family = RefreshTokens.newFamilyId();
        String secret = tokens.newSecret();
        assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]+");
        RefreshTokens.Parsed parsed = RefreshTokens.parse(RefreshTokens.format(family, secret)).orElseThrow();
        assertThat(parsed.familyId()).isEqualTo(family);
        assertThat(parsed.secret()).isEqualTo(secret);
        assertThat(parsed.toString()).doesNotContain(secret);
    }

    @Test
    void secretsAreRandom() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(tokens.newSecret())).isTrue();
        }
    }

    @Test
    void rejectsAnythingElse() {
        String family = RefreshTokens.newFamilyId();
        for (String bad : new String[] {null, "", family, family + ".", family + "." + "a".repeat(42),
                family + "." + "a".repeat(44), family.toUpperCase() + "." + "a".repeat(43), "x." + "a".repeat(43),
                family + "." + "a".repeat(42) + "=", family + ".." + "a".repeat(42), "' OR 1=1 --"}) {
            assertThat(RefreshTokens.parse(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void hashesWithSha256Hex() {
        assertThat(RefreshTokens.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(RefreshTokens.sameHash(RefreshTokens.hash("a"), RefreshTokens.hash("a"))).isTrue();
        assertThat(RefreshTokens.sameHash(RefreshTokens.hash("a"), RefreshTokens.hash("b"))).isFalse();
    }
}
