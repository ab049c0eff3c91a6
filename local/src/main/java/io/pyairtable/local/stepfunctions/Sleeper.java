package io.pyairtable.local.stepfunctions;

import java.time.Duration;

/**
 * How the interpreter waits (Wait states, Retry intervals). Inject a recording fake in tests so nothing really
 * sleeps; together with an injected {@link java.time.Clock} this makes timestamps deterministic. A sleep must be
 * interruptible: stopping an execution interrupts its threads.
 */
@FunctionalInterface
public interface Sleeper {
    /** {@link Thread#sleep}. */
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
