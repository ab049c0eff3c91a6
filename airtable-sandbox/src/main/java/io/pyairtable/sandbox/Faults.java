package io.pyairtable.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fault injection rules of one sandbox ({@link AirtableSandbox#faults()}). Thread-safe.
 *
 * <p>Every API request ({@code /v0/...}) that the sandbox accepts — after route lookup,
 * authentication, permission checks and the normal rate limiter — is checked against the rules
 * in insertion order. A rule that matches (method and path) and has uses left either lets the
 * request through because it is still within {@link Fault#afterMatches()} (counting it, and the
 * check goes on with the next rule), or fires; the first rule that fires decides what happens and
 * later rules do not see the request. Requests answered 401, 403, 404, 405 or 429 by the sandbox
 * itself, and attachment downloads ({@code /attachments/...}), never consume a rule.
 */
public final class Faults {

    private final List<FaultHandle> rules = new ArrayList<>();
    private long triggered;
    private long nextId = 1;

    Faults() {
    }

    /** Adds a rule after the existing ones. */
    public synchronized FaultHandle add(Fault fault) {
        if (fault == null) {
            throw new NullPointerException("fault");
        }
        FaultHandle handle = new FaultHandle(this, "flt" + nextId++, fault);
        rules.add(handle);
        return handle;
    }

    /** Removes every rule and zeroes {@link #triggered()}. */
    public synchronized void clear() {
        rules.clear();
        triggered = 0;
    }

    /** How many requests a fault fired on since the sandbox started or {@link #clear()} was last called. */
    public synchronized long triggered() {
        return triggered;
    }

    /** The current rules in insertion order, including exhausted ones (until removed or cleared). */
    public synchronized List<FaultHandle> rules() {
        return List.copyOf(rules);
    }

    /** The rule with this id, if it is still registered. */
    synchronized Optional<FaultHandle> rule(String id) {
        return rules.stream().filter(rule -> rule.id().equals(id)).findFirst();
    }

    synchronized void remove(FaultHandle handle) {
        rules.remove(handle);
    }

    /**
     * Counts an accepted request against the rules and returns the rule that fires on it, or
     * {@code null}. Never blocks beyond this short critical section.
     */
    synchronized FaultHandle fire(String method, String rawPath) {
        for (FaultHandle rule : rules) {
            if (!rule.exhausted() && rule.fault().matches(method, rawPath) && rule.skipOrFire()) {
                triggered++;
                return rule;
            }
        }
        return null;
    }
}
