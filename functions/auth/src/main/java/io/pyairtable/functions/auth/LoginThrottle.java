package io.pyairtable.functions.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * Login throttling by email and by source IP, on DynamoDB counters with TTL. A counter counts failures until
 * {@link Policy#windowSeconds} after its last failure. From {@link Policy#threshold} failures on, each failure locks the
 * key for {@code baseLock × 2^(failures − threshold)} seconds, capped at {@code maxLock}: with the defaults the 5th
 * failure locks for 30 s, the 6th (once allowed again) for 60 s, then 120 s … up to 15 min. While a key is locked,
 * login answers 429 with {@code Retry-After} without checking the password. A success clears the email counter only (so
 * an attacker cannot reset the IP counter by logging into their own account). Emails are stored as SHA-256, not in
 * clear.
 */
public final class LoginThrottle {
    /** The limits of one kind of key. */
    public record Policy(int threshold, long baseLockSeconds, long maxLockSeconds, long windowSeconds) {
        /** The lock after the {@code failures}-th failure, 0 below the threshold. */
        public long lockSeconds(int failures) {
            if (failures < threshold) {
                return 0;
            }
            int doublings = Math.min(failures - threshold, 30);
            return Math.min(maxLockSeconds, baseLockSeconds << doublings);
        }
    }

    /** A counter's state; {@code lockedUntil} in epoch seconds (0 = not locked). */
    public record Counter(int failures, long lockedUntil) {
        public static final Counter NONE = new Counter(0, 0);

        public long retryAfter(long nowEpochSeconds) {
            return Math.max(0, lockedUntil - nowEpochSeconds);
        }
    }

    public static final Policy EMAIL_POLICY = new Policy(5, 30, 900, 900);
    /** Looser per IP: many users can share one (NAT, offices). */
    public static final Policy IP_POLICY = new Policy(20, 30, 900, 900);

    private final UsersTable table;
    private final Clock clock;
    private final Policy emailPolicy;
    private final Policy ipPolicy;

    public LoginThrottle(UsersTable table, Clock clock, Policy emailPolicy, Policy ipPolicy) {
        this.table = table;
        this.clock = clock;
        this.emailPolicy = emailPolicy;
        this.ipPolicy = ipPolicy;
    }

    /** Seconds to wait before another attempt for this email or IP, if either is locked. */
    public OptionalLong retryAfter(String email, String sourceIp) {
        long now = clock.instant().getEpochSecond();
        long wait = table.counter(emailKey(email), now).retryAfter(now);
        if (sourceIp != null) {
            wait = Math.max(wait, table.counter(ipKey(sourceIp), now).retryAfter(now));
        }
        return wait > 0 ? OptionalLong.of(wait) : OptionalLong.empty();
    }

    public void recordFailure(String email, String sourceIp) {
        record(emailKey(email), emailPolicy);
        if (sourceIp != null) {
            record(ipKey(sourceIp), ipPolicy);
        }
    }

    public void recordSuccess(String email) {
        table.resetCounter(emailKey(email));
    }

    private void record(String key, Policy policy) {
        long now = clock.instant().getEpochSecond();
        int failures = table.addFailure(key, now, now + policy.windowSeconds());
        long lock = policy.lockSeconds(failures);
        if (lock > 0) {
            table.lock(key, now + lock, now + lock + policy.windowSeconds());
        }
    }

    static String emailKey(String email) {
        return "EMAIL#" + sha256(EmailAddress.normalize(email));
    }

    static String ipKey(String ip) {
        return "IP#" + ip;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
