package io.pyairtable.functions.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    @Test
    void locksFromTheThresholdAndDoublesUpToTheCap() {
        LoginThrottle.Policy policy = LoginThrottle.EMAIL_POLICY;
        assertThat(policy.lockSeconds(1)).isZero();
        assertThat(policy.lockSeconds(4)).isZero();
        assertThat(policy.lockSeconds(5)).isEqualTo(30);
        assertThat(policy.lockSeconds(6)).isEqualTo(60);
        assertThat(policy.lockSeconds(7)).isEqualTo(120);
        assertThat(policy.lockSeconds(9)).isEqualTo(480);
        assertThat(policy.lockSeconds(10)).isEqualTo(900);
        assertThat(policy.lockSeconds(1000)).as("no overflow").isEqualTo(900);
        assertThat(LoginThrottle.IP_POLICY.lockSeconds(19)).isZero();
        assertThat(LoginThrottle.IP_POLICY.lockSeconds(20)).isEqualTo(30);
    }

    @Test
    void retryAfterCountsDownToZero() {
        LoginThrottle.Counter counter = new LoginThrottle.Counter(5, 1_000);
        assertThat(counter.retryAfter(970)).isEqualTo(30);
        assertThat(counter.retryAfter(999)).isEqualTo(1);
        assertThat(counter.retryAfter(1_000)).isZero();
        assertThat(LoginThrottle.Counter.NONE.retryAfter(5)).isZero();
    }

    @Test
    void emailKeysAreHashedAndCaseInsensitive() {
        assertThat(LoginThrottle.emailKey("A@Example.com")).isEqualTo(LoginThrottle.emailKey("a@example.com"))
                .doesNotContain("example").matches("EMAIL#[0-9a-f]{64}");
        assertThat(LoginThrottle.ipKey("10.0.0.1")).isEqualTo("IP#10.0.0.1");
    }
}
