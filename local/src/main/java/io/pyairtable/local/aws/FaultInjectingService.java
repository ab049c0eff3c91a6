package io.pyairtable.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An {@link AwsJsonService} that fails chosen calls on purpose, for tests of what a function does when AWS fails
 * under it (the local cloud wraps its DynamoDB in one: {@code LocalCloud#dynamoDbFaults()}). A rule fails the next
 * {@code times} calls of one operation whose request body matches a predicate with HTTP 500
 * {@code {"__type":"InternalServerError","message":"Internal server error"}}, DynamoDB's answer when it fails on
 * its side; the SDKs retry it like AWS's. A failed call is not applied. Without rules every call goes straight
 * through. Thread-safe; rules live in memory until removed or {@link #clear() cleared}.
 *
 * <p>Rules are checked in the order they were added; the first with calls left whose operation and predicate match
 * fires. A predicate must not throw; it may call the service itself (another operation or a non-matching body).
 */
public final class FaultInjectingService implements AwsJsonService {
    /** The error type of an injected failure. */
    public static final String ERROR_TYPE = "InternalServerError";

    private final AwsJsonService delegate;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    public FaultInjectingService(AwsJsonService delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * Fails the next {@code times} calls of {@code operation} (e.g. {@code UpdateItem}) whose request body matches
     * {@code when} (null = any body).
     */
    public Rule failNext(String operation, Predicate<JsonNode> when, int times) {
        Objects.requireNonNull(operation, "operation");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        Rule rule = new Rule(operation, when == null ? body -> true : when, times);
        rules.add(rule);
        return rule;
    }

    /** Removes every rule. */
    public void clear() {
        rules.clear();
    }

    /** The rules added and not removed (exhausted ones included). */
    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    @Override
    public String signingName() {
        return delegate.signingName();
    }

    @Override
    public String targetPrefix() {
        return delegate.targetPrefix();
    }

    @Override
    public String contentType() {
        return delegate.contentType();
    }

    @Override
    public JsonNode handle(String operation, JsonNode input) {
        for (Rule rule : rules) {
            if (rule.fires(operation, input)) {
                throw new AwsServiceException(500, ERROR_TYPE, "Internal server error");
            }
        }
        return delegate.handle(operation, input);
    }

    /** One rule: which calls it fails and how many it has failed so far. */
    public final class Rule {
        private final String operation;
        private final Predicate<JsonNode> when;
        private final AtomicInteger remaining;
        private final AtomicInteger fired = new AtomicInteger();

        private Rule(String operation, Predicate<JsonNode> when, int times) {
            this.operation = operation;
            this.when = when;
            this.remaining = new AtomicInteger(times);
        }

        private boolean fires(String called, JsonNode input) {
            if (!operation.equals(called) || remaining.get() <= 0 || !when.test(input)) {
                return false;
            }
            if (remaining.getAndUpdate(left -> left > 0 ? left - 1 : 0) <= 0) {
                return false; // another call took the last one meanwhile
            }
            fired.incrementAndGet();
            return true;
        }

        /** Calls failed so far. */
        public int fired() {
            return fired.get();
        }

        /** Calls this rule will still fail. */
        public int remaining() {
            return remaining.get();
        }

        public void remove() {
            rules.remove(this);
        }

        @Override
        public String toString() {
            return "Rule[" + operation + ", fired " + fired.get() + ", remaining " + remaining.get() + "]";
        }
    }
}
