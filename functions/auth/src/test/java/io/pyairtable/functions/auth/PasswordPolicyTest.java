package io.pyairtable.functions.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    final PasswordPolicy policy = PasswordPolicy.bundled();

    @Test
    void bundlesTheCommonPasswordList() {
        assertThat(policy.size()).isGreaterThan(90);
    }

    @Test
    void acceptsLongPasswordsAndPassphrases() {
        assertThat(policy.problem("violet kettle orbit", "a@example.com")).isEmpty();
        assertThat(policy.problem("Xk7#pQ2!mZ9w", "a@example.com")).isEmpty();
        assertThat(policy.problem("x".repeat(11) + "y", null)).isEmpty();
    }

    @Test
    void rejectsShortLongCommonRepeatedAndEmailPasswords() {
        assertThat(policy.problem("short one", null)).hasValueSatisfying(p -> assertThat(p).contains("12"));
        assertThat(policy.problem("\uD83D\uDE00".repeat(11), null)).as("counts code points, not chars").isPresent();
        assertThat(policy.problem("y".repeat(257), null)).hasValueSatisfying(p -> assertThat(p).contains("256"));
        assertThat(policy.problem("Password1234", null)).hasValueSatisfying(p -> assertThat(p).contains("common"));
        assertThat(policy.problem("CorrectHorseBatteryStaple", null)).isPresent();
        assertThat(policy.problem("correct horse battery staple", null)).isPresent();
        assertThat(policy.problem("qwerty 123456", null)).as("spaces removed before lookup").isPresent();
        assertThat(policy.problem("aaaaaaaaaaaaaaaa", null)).hasValueSatisfying(p -> assertThat(p).contains("repeat"));
        assertThat(policy.problem("Long.Name@Example.com", "long.name@example.com")).isPresent();
        assertThat(policy.problem("long.name.here", "long.name.here@example.com")).isPresent();
    }

    @Test
    void problemsNeverQuoteThePassword() {
        assertThat(policy.problem("password1234", null)).hasValueSatisfying(p -> assertThat(p)
                .doesNotContain("password1234"));
    }
}
