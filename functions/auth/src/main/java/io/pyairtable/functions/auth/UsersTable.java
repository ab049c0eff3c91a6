package io.pyairtable.functions.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The Users table (one table, {@code pk}/{@code sk} strings, TTL attribute {@code expiresAt} in epoch seconds):
 * <pre>
 * pk                         sk              what
 * USER#&lt;uuid&gt;                PROFILE         id, email, emailLower, passwordHash, createdAt
 * EMAIL#&lt;lowercased email&gt;   EMAIL           userId — uniqueness, written in one transaction with the profile
 * FAMILY#&lt;uuid&gt;              FAMILY          userId, currentHash (SHA-256 of the refresh secret), revoked, expiresAt
 * USER#&lt;uuid&gt;                FAMILY#&lt;uuid&gt;   expiresAt — a user's sessions, to revoke them all
 * DENY#&lt;jti&gt;                 DENY            expiresAt = the access token's exp (logout)
 * DENYSID#&lt;uuid&gt;             DENY            expiresAt = now + access-token lifetime (session ended: logout,
 *                                            password change elsewhere) — every access token of the session
 * THROTTLE#EMAIL#&lt;sha256&gt;     THROTTLE        failures, lockedUntil, expiresAt (login throttling)
 * THROTTLE#IP#&lt;ip&gt;           THROTTLE        same, per source IP
 * </pre>
 * DynamoDB deletes expired items lazily, so every read also checks {@code expiresAt} itself.
 */
public final class UsersTable {
    private static final String PK = "pk";
    private static final String SK = "sk";
    private static final String TTL = "expiresAt";

    private final DynamoDbClient dynamo;
    private final String table;

    public UsersTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Thrown by {@link #createUser} when the email is already registered. */
    public static final class EmailTakenException extends RuntimeException {
        EmailTakenException() {
            super("email taken", null, false, false);
        }
    }

    public void createUser(User user) {
        Map<String, AttributeValue> profile = new HashMap<>();
        profile.put(PK, s("USER#" + user.id()));
        profile.put(SK, s("PROFILE"));
        profile.put("id", s(user.id()));
        profile.put("email", s(user.email()));
        profile.put("emailLower", s(EmailAddress.normalize(user.email())));
        profile.put("passwordHash", s(user.passwordHash()));
        profile.put("createdAt", s(user.createdAt().toString()));
        Map<String, AttributeValue> email = Map.of(PK, s("EMAIL#" + EmailAddress.normalize(user.email())),
                SK, s("EMAIL"), "userId", s(user.id()));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(email)
                            .conditionExpression("attribute_not_exists(pk)")).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(profile)
                            .conditionExpression("attribute_not_exists(pk)")).build()));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                throw new EmailTakenException();
            }
            throw e;
        }
    }

    public Optional<User> findByEmail(String email) {
        Map<String, AttributeValue> item = get("EMAIL#" + EmailAddress.normalize(email), "EMAIL");
        if (item == null) {
            return Optional.empty();
        }
        return findById(item.get("userId").s());
    }

    public Optional<User> findById(String id) {
        Map<String, AttributeValue> item = get("USER#" + id, "PROFILE");
        if (item == null) {
            return Optional.empty();
        }
        return Optional.of(new User(item.get("id").s(), item.get("email").s(), item.get("passwordHash").s(),
                Instant.parse(item.get("createdAt").s())));
    }

    public void updatePasswordHash(String userId, String hash) {
        dynamo.updateItem(b -> b.tableName(table).key(key("USER#" + userId, "PROFILE"))
                .updateExpression("SET passwordHash = :h").conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":h", s(hash))));
    }

    // ---- refresh-token families

    public void putFamily(RefreshFamily family) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s("FAMILY#" + family.familyId()));
        item.put(SK, s("FAMILY"));
        item.put("userId", s(family.userId()));
        item.put("currentHash", s(family.currentHash()));
        item.put("revoked", AttributeValue.fromBool(family.revoked()));
        item.put(TTL, n(family.expiresAt()));
        Map<String, AttributeValue> index = Map.of(PK, s("USER#" + family.userId()),
                SK, s("FAMILY#" + family.familyId()), TTL, n(family.expiresAt()));
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(index)).build()));
    }

    public Optional<RefreshFamily> getFamily(String familyId, long nowEpochSeconds) {
        Map<String, AttributeValue> item = get("FAMILY#" + familyId, "FAMILY");
        if (item == null || Long.parseLong(item.get(TTL).n()) <= nowEpochSeconds) {
            return Optional.empty();
        }
        return Optional.of(new RefreshFamily(familyId, item.get("userId").s(), item.get("currentHash").s(),
                item.get("revoked").bool(), Long.parseLong(item.get(TTL).n())));
    }

    /** Replaces the current hash if it is still {@code oldHash} and the family is not revoked; false otherwise. */
    public boolean rotate(String familyId, String oldHash, String newHash) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key("FAMILY#" + familyId, "FAMILY"))
                    .updateExpression("SET currentHash = :new")
                    .conditionExpression("currentHash = :old AND revoked = :false")
                    .expressionAttributeValues(Map.of(":new", s(newHash), ":old", s(oldHash),
                            ":false", AttributeValue.fromBool(false))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    public void revokeFamily(String familyId) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key("FAMILY#" + familyId, "FAMILY"))
                    .updateExpression("SET revoked = :true").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))));
        } catch (ConditionalCheckFailedException gone) {
            // already expired and deleted: nothing left to revoke
        }
    }

    public List<String> familiesOf(String userId) {
        List<String> ids = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", s("USER#" + userId), ":prefix", s("FAMILY#")))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                ids.add(item.get(SK).s().substring("FAMILY#".length()));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return ids;
    }

    // ---- access-token deny-list

    public void deny(String jti, long expiresAt) {
        dynamo.putItem(b -> b.tableName(table).item(Map.of(PK, s("DENY#" + jti), SK, s("DENY"), TTL, n(expiresAt))));
    }

    /** Denies every access token of the session {@code sessionId} issued so far (they all expire by {@code expiresAt}). */
    public void denySession(String sessionId, long expiresAt) {
        dynamo.putItem(b -> b.tableName(table).item(Map.of(PK, s("DENYSID#" + sessionId), SK, s("DENY"),
                TTL, n(expiresAt))));
    }

    /**
     * Whether the token {@code jti} or its session {@code sessionId} (may be null) is on the deny-list: one consistent
     * BatchGetItem round trip. Throws if DynamoDB leaves keys unprocessed (the authorizer then fails closed).
     */
    public boolean isDenied(String jti, String sessionId, long nowEpochSeconds) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        keys.add(key("DENY#" + jti, "DENY"));
        if (sessionId != null) {
            keys.add(key("DENYSID#" + sessionId, "DENY"));
        }
        var response = dynamo.batchGetItem(b -> b.requestItems(Map.of(table,
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build())));
        if (response.hasUnprocessedKeys() && !response.unprocessedKeys().isEmpty()) {
            throw new IllegalStateException("deny-list lookup not processed");
        }
        for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
            if (Long.parseLong(item.get(TTL).n()) > nowEpochSeconds) {
                return true;
            }
        }
        return false;
    }

    // ---- login throttling

    /** A throttle counter; absent or expired counters read as zero failures. */
    public LoginThrottle.Counter counter(String key, long nowEpochSeconds) {
        Map<String, AttributeValue> item = get("THROTTLE#" + key, "THROTTLE");
        if (item == null || Long.parseLong(item.get(TTL).n()) <= nowEpochSeconds) {
            return LoginThrottle.Counter.NONE;
        }
        return new LoginThrottle.Counter(Integer.parseInt(item.get("failures").n()),
                Long.parseLong(item.get("lockedUntil").n()));
    }

    /** Adds one failure (starting from zero when the counter expired) and returns the new count. */
    public int addFailure(String key, long nowEpochSeconds, long expiresAt) {
        try {
            return Integer.parseInt(dynamo.updateItem(b -> b.tableName(table).key(key("THROTTLE#" + key, "THROTTLE"))
                    .updateExpression("ADD failures :one SET expiresAt = :exp")
                    .conditionExpression("attribute_exists(pk) AND expiresAt > :now")
                    .expressionAttributeValues(Map.of(":one", n(1), ":exp", n(expiresAt), ":now", n(nowEpochSeconds)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes().get("failures").n());
        } catch (ConditionalCheckFailedException absentOrExpired) {
            dynamo.putItem(b -> b.tableName(table).item(Map.of(PK, s("THROTTLE#" + key), SK, s("THROTTLE"),
                    "failures", n(1), "lockedUntil", n(0), TTL, n(expiresAt))));
            return 1;
        }
    }

    public void lock(String key, long lockedUntil, long expiresAt) {
        dynamo.updateItem(b -> b.tableName(table).key(key("THROTTLE#" + key, "THROTTLE"))
                .updateExpression("SET lockedUntil = :until, expiresAt = :exp")
                .expressionAttributeValues(Map.of(":until", n(lockedUntil), ":exp", n(expiresAt))));
    }

    public void resetCounter(String key) {
        dynamo.deleteItem(b -> b.tableName(table).key(key("THROTTLE#" + key, "THROTTLE")));
    }

    // ----

    private Map<String, AttributeValue> get(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(pk, sk)).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? null : item;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
