package io.pyairtable.functions.core;

import io.pyairtable.airtable.RateLimitKey;
import io.pyairtable.airtable.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The Airtable budget shared by every function instance (DESIGN §3): at most {@code perBase} requests per base and
 * {@code perToken} per token in any sliding window, and a penalty after a 429 that every instance honours.
 *
 * <p>The in-process {@link io.pyairtable.airtable.SlidingWindowRateLimiter}'s slot rule, kept in DynamoDB: a key
 * ({@code BASE#<baseId>} or {@code TOKEN#<fingerprint>}, never a token) is one item with {@code limit} slots. Slot
 * {@code i} is the number attribute {@code s<i>} = the epoch millisecond from which it may be used again, and
 * {@code h<i>} = the permit holding it. Acquiring takes a free slot with one conditional {@code UpdateItem}
 * ({@code s<i>} absent or ≤ now, and {@code penaltyUntil} absent or ≤ now) that marks it in flight
 * ({@code s<i>} = now + lease); releasing sets {@code s<i>} = response time + window + margin (only if the permit
 * still holds it). So two requests on the same slot reach Airtable at least one window apart whatever the network
 * did, and a window can never contain more than {@code limit} requests — a sliding window, not fixed buckets. The
 * conditional write makes two instances that picked the same slot race safely: one wins, the other gets the
 * current item back ({@code ReturnValuesOnConditionCheckFailure}) and looks again. An instance starts from the item
 * as it last saw it, so the common case is one write per key to acquire and one to release, the base's and the
 * token's at the same time: one round trip each way. A stale view costs a failed condition, never a request too
 * many. When the base has no free slot the token's slot is given back at once and claimed again only once the
 * base's is held (a token slot held while waiting would cost the token's other bases; a base slot held while
 * waiting for the token costs no one).
 *
 * <p>Clocks: the slot times are written and compared by different machines; {@code margin} (default 20 ms) covers
 * their skew (Lambda hosts are NTP-synchronised far better). A permit never released (the instance died) frees its
 * slot after {@code lease}. Items expire through the {@code expiresAt} TTL attribute one day after their last use.
 * Thread-safe; build one per container and share it between every {@link io.pyairtable.airtable.AirtableApi}.
 */
public final class DynamoDbRateLimiter implements RateLimiter {
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MARGIN = Duration.ofMillis(20);
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(3);
    private static final long MAX_POLL_MILLIS = 50;
    private static final long TTL_SECONDS = 86_400;
    /** Runs the second of two writes done in parallel (the token's claim, the token's release). */
    private static final ExecutorService IO = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "rate-limit-io");
        thread.setDaemon(true);
        return thread;
    });

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final int perBase;
    private final int perToken;
    private final long windowMillis;
    private final long leaseMillis;
    private final Clock clock;
    private final Runnable onPenalty;
    private final Map<String, Map<String, AttributeValue>> hints = new ConcurrentHashMap<>();

    public DynamoDbRateLimiter(DynamoDbClient dynamoDb, String table, int perBase, int perToken, Duration window,
            Duration margin, Duration lease, Clock clock) {
        this(dynamoDb, table, perBase, perToken, window, margin, lease, clock, () -> {});
    }

    /** @param onPenalty run each time this limiter writes a penalty (metrics: {@code AirtablePenaltyStarted}) */
    public DynamoDbRateLimiter(DynamoDbClient dynamoDb, String table, int perBase, int perToken, Duration window,
            Duration margin, Duration lease, Clock clock, Runnable onPenalty) {
        if (perBase < 1 || perToken < 1) {
            throw new IllegalArgumentException("limits must be at least 1 request per window");
        }
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.perBase = perBase;
        this.perToken = perToken;
        this.windowMillis = window.toMillis() + margin.toMillis();
        this.leaseMillis = lease.toMillis();
        this.clock = clock;
        this.onPenalty = onPenalty;
    }

    /** Airtable's limits: 5 requests per base and 50 per token in any second. */
    public static DynamoDbRateLimiter airtableDefaults(DynamoDbClient dynamoDb, String table) {
        return airtableDefaults(dynamoDb, table, () -> {});
    }

    /** As {@link #airtableDefaults(DynamoDbClient, String)}, running {@code onPenalty} for each penalty written. */
    public static DynamoDbRateLimiter airtableDefaults(DynamoDbClient dynamoDb, String table, Runnable onPenalty) {
        return new DynamoDbRateLimiter(dynamoDb, table, 5, 50, DEFAULT_WINDOW, DEFAULT_MARGIN, DEFAULT_LEASE,
                Clock.systemUTC(), onPenalty);
    }

    static String baseKey(String baseId) {
        return "BASE#" + baseId;
    }

    static String tokenKey(String fingerprint) {
        return "TOKEN#" + fingerprint;
    }

    /** A slot taken by this limiter: the item, the slot and its value before (restored when given back unused). */
    private record Held(String pk, int slot, String holder, AttributeValue previous) {
    }

    @Override
    public Permit acquire(RateLimitKey key, Instant deadline) throws InterruptedException {
        String tokenPk = tokenKey(key.tokenFingerprint());
        if (key.baseId() == null) {
            Held token = take(tokenPk, perToken, deadline);
            return token == null ? null : permit(null, token);
        }
        String basePk = baseKey(key.baseId());
        Held base = null;
        Held token = null;
        if (looksFree(basePk, perBase)) {
            // the common case in one round trip: both claims at once, each from this instance's last view of its
            // item (a base known to be busy goes straight to waiting below)
            CompletableFuture<Held> tokenTry = CompletableFuture.supplyAsync(() -> attempt(tokenPk, perToken), IO);
            try {
                base = attempt(basePk, perBase);
            } catch (RuntimeException failed) {
                tokenTry.thenAccept(this::giveBackQuietly);
                throw failed;
            }
            try {
                token = tokenTry.join();
            } catch (CompletionException failed) {
                giveBackQuietly(base);
                throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
            }
        }
        if (base == null) {
            // the base is busy: wait for it holding nothing, since a token slot held meanwhile would cost the
            // token's other bases; then the token's slot, as before (a base slot held meanwhile costs no one)
            giveBackQuietly(token);
            token = null;
            base = take(basePk, perBase, deadline);
            if (base == null) {
                return null;
            }
        }
        if (token == null) {
            token = take(tokenPk, perToken, deadline);
            if (token == null) {
                giveBack(base);
                return null;
            }
        }
        return permit(base, token);
    }

    private Permit permit(Held base, Held token) {
        return new Permit() {
            private boolean released;

            @Override
            public synchronized void release() {
                if (released) {
                    return;
                }
                released = true;
                long freeAt = clock.millis() + windowMillis;
                if (base == null) {
                    free(token, freeAt);
                    return;
                }
                // the two items in parallel: a slot is usable again only once its write is done, so a slow write
                // delays the next request but never lets one through early
                CompletableFuture<Void> tokenFreed = CompletableFuture.runAsync(() -> free(token, freeAt), IO);
                free(base, freeAt);
                tokenFreed.join();
            }
        };
    }

    @Override
    public void penalize(RateLimitKey key, Duration penalty) {
        String pk = key.baseId() == null ? tokenKey(key.tokenFingerprint()) : baseKey(key.baseId());
        long until = clock.millis() + penalty.toMillis();
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(Map.of("pk", s(pk)))
                    .updateExpression("SET penaltyUntil = :u, expiresAt = :ttl")
                    .conditionExpression("attribute_not_exists(penaltyUntil) OR penaltyUntil < :u")
                    .expressionAttributeValues(Map.of(":u", n(until), ":ttl", n(ttl(until)))));
            onPenalty.run();
        } catch (ConditionalCheckFailedException alreadyLonger) {
            // another instance set a later end already
        }
    }

    /** Whether this instance's last view of the item shows a free slot and no penalty (true when it has none). */
    private boolean looksFree(String pk, int limit) {
        Map<String, AttributeValue> item = hints.getOrDefault(pk, Map.of());
        long now = clock.millis();
        return number(item.get("penaltyUntil")) <= now && !freeSlots(item, limit, now).isEmpty();
    }

    /**
     * One try, without waiting or reading: claims a slot that this instance's last view of the item shows free.
     * Null when it shows none (or a penalty), or when another instance took the slot first (the view is then
     * updated from the item the failed condition returned).
     */
    private Held attempt(String pk, int limit) {
        Map<String, AttributeValue> item = hints.getOrDefault(pk, Map.of());
        long now = clock.millis();
        if (number(item.get("penaltyUntil")) > now) {
            return null;
        }
        List<Integer> free = freeSlots(item, limit, now);
        if (free.isEmpty()) {
            return null;
        }
        return claimOne(pk, item, free, now);
    }

    /** Takes a slot of {@code pk}, waiting until one is free; null if none frees up before {@code deadline}. */
    private Held take(String pk, int limit, Instant deadline) throws InterruptedException {
        long deadlineMillis = deadline.toEpochMilli();
        // start from what this instance last saw of the item (usually right): one conditional write in the common
        // case; a failed condition returns the current item, so a wrong guess costs no extra read
        Map<String, AttributeValue> item = hints.getOrDefault(pk, Map.of());
        boolean fresh = false;
        while (true) {
            long now = clock.millis();
            long penaltyUntil = number(item.get("penaltyUntil"));
            long wait;
            if (penaltyUntil > now) {
                // a penalty only ever grows, so even a stale view of it is a lower bound
                wait = penaltyUntil - now;
                if (penaltyUntil > deadlineMillis) {
                    return null; // no pointless wait: the penalty outlasts the deadline
                }
            } else {
                List<Integer> free = freeSlots(item, limit, now);
                if (!free.isEmpty()) {
                    Held held = claimOne(pk, item, free, now);
                    if (held != null) {
                        return held;
                    }
                    item = hints.get(pk); // another instance took it (or a penalty started): look again
                    fresh = true;
                    continue;
                }
                if (!fresh) {
                    item = read(pk);
                    hints.put(pk, item);
                    fresh = true;
                    continue;
                }
                // released slots free up at a known time; in-flight ones when their response arrives (poll)
                long earliest = Long.MAX_VALUE;
                for (int i = 0; i < limit; i++) {
                    earliest = Math.min(earliest, number(item.get("s" + i)));
                }
                wait = earliest - now;
                if (earliest > deadlineMillis && earliest - now < leaseMillis - windowMillis) {
                    return null;
                }
                wait = Math.min(wait, MAX_POLL_MILLIS + ThreadLocalRandom.current().nextLong(10));
            }
            if (now >= deadlineMillis) {
                return null;
            }
            Thread.sleep(Math.max(1, Math.min(wait, deadlineMillis - now)));
            fresh = false;
        }
    }

    private static List<Integer> freeSlots(Map<String, AttributeValue> item, int limit, long now) {
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            if (number(item.get("s" + i)) <= now) {
                free.add(i);
            }
        }
        return free;
    }

    /**
     * Claims one of the {@code free} slots (chosen at random, so instances with the same view rarely collide):
     * the slot, or null when the condition failed (the hint then holds the item as it is now).
     */
    private Held claimOne(String pk, Map<String, AttributeValue> item, List<Integer> free, long now) {
        int slot = free.get(ThreadLocalRandom.current().nextInt(free.size()));
        String holder = UUID.randomUUID().toString();
        Map<String, AttributeValue> current = claim(pk, slot, holder, now);
        if (current == null) {
            Map<String, AttributeValue> mine = new HashMap<>(item);
            mine.put("s" + slot, n(now + leaseMillis));
            hints.put(pk, mine);
            return new Held(pk, slot, holder, item.get("s" + slot));
        }
        hints.put(pk, current);
        return null;
    }

    private Map<String, AttributeValue> read(String pk) {
        GetItemResponse response = dynamoDb.getItem(b -> b.tableName(table).key(Map.of("pk", s(pk)))
                .consistentRead(true));
        return response.hasItem() ? response.item() : Map.of();
    }

    /** Claims the slot: null when taken, else the item as it is now (the condition failed). */
    private Map<String, AttributeValue> claim(String pk, int slot, String holder, long now) {
        Map<String, String> names = Map.of("#s", "s" + slot, "#h", "h" + slot);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":now", n(now));
        values.put(":lease", n(now + leaseMillis));
        values.put(":holder", s(holder));
        values.put(":ttl", n(ttl(now + leaseMillis)));
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(Map.of("pk", s(pk)))
                    .updateExpression("SET #s = :lease, #h = :holder, expiresAt = :ttl")
                    .conditionExpression("(attribute_not_exists(#s) OR #s <= :now)"
                            + " AND (attribute_not_exists(penaltyUntil) OR penaltyUntil <= :now)")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return null;
        } catch (ConditionalCheckFailedException lost) {
            return lost.hasItem() ? lost.item() : read(pk);
        }
    }

    private void free(Held held, long freeAt) {
        write(held, n(freeAt));
        Map<String, AttributeValue> hint = hints.get(held.pk());
        if (hint != null) {
            Map<String, AttributeValue> updated = new HashMap<>(hint);
            updated.put("s" + held.slot(), n(freeAt));
            hints.put(held.pk(), updated);
        }
    }

    /** An unused slot goes back with its previous value (no request was sent on it). */
    private void giveBack(Held held) {
        write(held, held.previous() == null ? n(0) : held.previous());
        Map<String, AttributeValue> hint = hints.get(held.pk());
        if (hint != null) {
            Map<String, AttributeValue> updated = new HashMap<>(hint);
            updated.put("s" + held.slot(), held.previous() == null ? n(0) : held.previous());
            hints.put(held.pk(), updated);
        }
    }

    /** As {@link #giveBack} when a failure is already being reported: the slot's lease frees it at the latest. */
    private void giveBackQuietly(Held held) {
        if (held == null) {
            return;
        }
        try {
            giveBack(held);
        } catch (RuntimeException ignored) {
            // the lease expires
        }
    }

    private void write(Held held, AttributeValue value) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(Map.of("pk", s(held.pk())))
                    .updateExpression("SET #s = :v, expiresAt = :ttl")
                    .conditionExpression("#h = :holder")
                    .expressionAttributeNames(Map.of("#s", "s" + held.slot(), "#h", "h" + held.slot()))
                    .expressionAttributeValues(Map.of(":v", value, ":holder", s(held.holder()),
                            ":ttl", n(ttl(clock.millis() + windowMillis)))));
        } catch (ConditionalCheckFailedException leaseExpired) {
            // the lease ran out and another permit holds the slot now: nothing of ours to free
        }
    }

    private static long ttl(long millis) {
        return millis / 1000 + TTL_SECONDS;
    }

    private static long number(AttributeValue value) {
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
