package io.pyairtable.functions.auth;

import io.pyairtable.functions.core.ApiError;
import io.pyairtable.functions.core.Jwt;
import io.pyairtable.functions.core.SigningKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The account operations behind {@code /auth/*}. Every outcome a client can cause is an {@link ApiError} (4xx);
 * anything else is a bug or an outage.
 */
public final class Accounts {
    static final ApiError INVALID_CREDENTIALS = ApiError.unauthorized("INVALID_CREDENTIALS",
            "The email or password is incorrect.");
    static final ApiError INVALID_REFRESH_TOKEN = ApiError.unauthorized("INVALID_REFRESH_TOKEN",
            "The refresh token is invalid or expired; log in again.");
    static final ApiError REFRESH_TOKEN_REUSED = ApiError.unauthorized("REFRESH_TOKEN_REUSED",
            "This refresh token was already used; the session has been revoked for safety. Log in again.");
    static final ApiError ACCOUNT_GONE = ApiError.unauthorized("INVALID_TOKEN",
            "The account of this token no longer exists.");

    private final UsersTable users;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final RefreshTokens refreshTokens;
    private final LoginThrottle throttle;
    private final SigningKeys keys;
    private final Jwt jwt;
    private final AuthConfig config;
    private final Clock clock;
    private final String dummyHash;

    public Accounts(UsersTable users, PasswordHasher hasher, PasswordPolicy policy, RefreshTokens refreshTokens,
            LoginThrottle throttle, SigningKeys keys, Jwt jwt, AuthConfig config, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.policy = policy;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
        this.keys = keys;
        this.jwt = jwt;
        this.config = config;
        this.clock = clock;
        // verified against when the email is unknown, so that both answers cost one Argon2 computation
        this.dummyHash = hasher.hash(UUID.randomUUID().toString());
    }

    public Session register(String email, String password) {
        requireEmail(email);
        policy.problem(password, email).ifPresent(problem -> {
            throw new ApiError(400, "WEAK_PASSWORD", problem);
        });
        User user = new User(UUID.randomUUID().toString(), email, hasher.hash(password),
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        try {
            users.createUser(user);
        } catch (UsersTable.EmailTakenException e) {
            throw ApiError.conflict("EMAIL_TAKEN", "An account with this email already exists.");
        }
        return startSession(user);
    }

    public Session login(String email, String password, String sourceIp) {
        requireEmail(email);
        OptionalLong wait = throttle.retryAfter(email, sourceIp);
        if (wait.isPresent()) {
            throw ApiError.tooManyRequests("Too many failed logins; try again later.", wait.getAsLong());
        }
        Optional<User> user = users.findByEmail(email);
        boolean ok = hasher.verify(password, user.map(User::passwordHash).orElse(dummyHash)) && user.isPresent();
        if (!ok) {
            throttle.recordFailure(email, sourceIp);
            throw INVALID_CREDENTIALS;
        }
        throttle.recordSuccess(email);
        return startSession(user.get());
    }

    public Session refresh(String refreshToken) {
        RefreshTokens.Parsed parsed = RefreshTokens.parse(refreshToken).orElseThrow(() -> INVALID_REFRESH_TOKEN);
        long now = clock.instant().getEpochSecond();
        RefreshFamily family = users.getFamily(parsed.familyId(), now).orElseThrow(() -> INVALID_REFRESH_TOKEN);
        if (family.revoked()) {
            throw INVALID_REFRESH_TOKEN;
        }
        String presented = RefreshTokens.hash(parsed.secret());
        if (!RefreshTokens.sameHash(presented, family.currentHash())) {
            users.revokeFamily(family.familyId()); // an old token came back: assume theft, end the session
            throw REFRESH_TOKEN_REUSED;
        }
        String secret = refreshTokens.newSecret();
        if (!users.rotate(family.familyId(), presented, RefreshTokens.hash(secret))) {
            users.revokeFamily(family.familyId()); // raced with another use of the same token
            throw REFRESH_TOKEN_REUSED;
        }
        User user = users.findById(family.userId()).orElseThrow(() -> INVALID_REFRESH_TOKEN);
        return new Session(user, accessToken(user, family.familyId()), config.accessTokenTtl().toSeconds(),
                RefreshTokens.format(family.familyId(), secret));
    }

    /** Ends the caller's session: its refresh family is revoked and its access tokens (this one included) denied. */
    public void logout(Caller caller) {
        users.deny(caller.jti(), caller.expiresAt());
        if (caller.sessionId() != null) {
            users.getFamily(caller.sessionId(), clock.instant().getEpochSecond())
                    .filter(f -> f.userId().equals(caller.userId()))
                    .ifPresent(f -> endSession(f.familyId()));
        }
    }

    public User me(Caller caller) {
        return users.findById(caller.userId()).orElseThrow(() -> ACCOUNT_GONE);
    }

    /**
     * Changes the password and ends every other session (refresh family revoked, access tokens denied); returns how
     * many sessions ended.
     */
    public int changePassword(Caller caller, String currentPassword, String newPassword, String sourceIp) {
        User user = me(caller);
        OptionalLong wait = throttle.retryAfter(user.email(), sourceIp);
        if (wait.isPresent()) {
            throw ApiError.tooManyRequests("Too many failed attempts; try again later.", wait.getAsLong());
        }
        if (!hasher.verify(currentPassword, user.passwordHash())) {
            throttle.recordFailure(user.email(), sourceIp);
            throw ApiError.unauthorized("INVALID_CREDENTIALS", "The current password is incorrect.");
        }
        policy.problem(newPassword, user.email()).ifPresent(problem -> {
            throw new ApiError(400, "WEAK_PASSWORD", problem);
        });
        users.updatePasswordHash(user.id(), hasher.hash(newPassword));
        int revoked = 0;
        for (String familyId : users.familiesOf(user.id())) {
            if (!familyId.equals(caller.sessionId())) {
                endSession(familyId);
                revoked++;
            }
        }
        return revoked;
    }

    private void endSession(String familyId) {
        users.revokeFamily(familyId);
        users.denySession(familyId, clock.instant().plus(config.accessTokenTtl()).getEpochSecond());
    }

    private Session startSession(User user) {
        String familyId = RefreshTokens.newFamilyId();
        String secret = refreshTokens.newSecret();
        Instant now = clock.instant();
        users.putFamily(new RefreshFamily(familyId, user.id(), RefreshTokens.hash(secret), false,
                now.plus(config.refreshFamilyTtl()).getEpochSecond()));
        return new Session(user, accessToken(user, familyId), config.accessTokenTtl().toSeconds(),
                RefreshTokens.format(familyId, secret));
    }

    private String accessToken(User user, String familyId) {
        return jwt.sign(keys.current(), user.id(), user.email(), UUID.randomUUID().toString(), familyId,
                config.accessTokenTtl().toSeconds());
    }

    private static void requireEmail(String email) {
        if (!EmailAddress.isValid(email)) {
            throw ApiError.validation("The field 'email' must be a valid email address.");
        }
    }
}
