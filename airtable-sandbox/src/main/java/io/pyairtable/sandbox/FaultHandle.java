package io.pyairtable.sandbox;

/**
 * A rule registered with {@link Faults#add(Fault)}: its counters, and a way to remove it. Thread-safe;
 * the counters are updated by the request threads.
 */
public final class FaultHandle {

    private final Faults owner;
    private final String id;
    private final Fault fault;
    /** Written under the owner's lock, read from anywhere. */
    private volatile int fired;
    /** Matching requests let through so far because of {@link Fault#afterMatches()}; under the owner's lock. */
    private int skipped;

    FaultHandle(Faults owner, String id, Fault fault) {
        this.owner = owner;
        this.id = id;
        this.fault = fault;
    }

    /** The id shown by the admin route {@code GET /_sandbox/faults}, e.g. {@code flt3}. */
    public String id() {
        return id;
    }

    public Fault fault() {
        return fault;
    }

    /** How many more requests the rule fires on ({@code times - fired}), or -1 if it is unlimited. */
    public int remaining() {
        return fault.times() == Fault.UNLIMITED ? Fault.UNLIMITED : fault.times() - fired;
    }

    /** How many requests the rule has fired on. */
    public int fired() {
        return fired;
    }

    /** Removes the rule; it fires on no further request. Removing it twice does nothing. */
    public void remove() {
        owner.remove(this);
    }

    @Override
    public String toString() {
        return "FaultHandle[" + id + " " + fault + ", fired=" + fired + "]";
    }

    /** Whether it may still fire. Called under the owner's lock. */
    boolean exhausted() {
        return fault.times() != Fault.UNLIMITED && fired >= fault.times();
    }

    /**
     * Records a matching request: either skips it (still within {@code afterMatches}, returns
     * false) or fires (returns true). Called under the owner's lock, only while not exhausted.
     */
    boolean skipOrFire() {
        if (skipped < fault.afterMatches()) {
            skipped++;
            return false;
        }
        fired++;
        return true;
    }
}
