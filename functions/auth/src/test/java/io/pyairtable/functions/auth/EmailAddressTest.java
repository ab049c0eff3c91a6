package io.pyairtable.functions.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailAddressTest {
    @Test
    void acceptsUsualAddresses() {
        for (String ok : new String[] {"a@b.co", "first.last+tag@example.com", "o'brien@example.org",
                "X_Y-z@sub.domain.example"}) {
            assertThat(EmailAddress.isValid(ok)).as(ok).isTrue();
        }
    }

    @Test
    void rejectsTheRest() {
        for (String bad : new String[] {null, "", "plain", "@example.com", "a@", "a@b", "a b@example.com",
                "a@exa mple.com", ".a@example.com", "a..b@example.com", "a.@example.com", "' OR 1=1 --",
                "a@-example.com", "a@example.com\n", "\u00e9@example.com", "a".repeat(65) + "@example.com",
                "a@" + "b".repeat(250) + ".com"}) {
            assertThat(EmailAddress.isValid(bad)).as(String.valueOf(bad)).isFalse();
        }
    }

    @Test
    void normalizesToLowerCase() {
        assertThat(EmailAddress.normalize("Ann@Example.COM")).isEqualTo("ann@example.com");
    }
}
