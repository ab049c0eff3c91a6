package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the iterations of a Map state or the branches of a Parallel state: {@code count} iterations, at most
 * {@code concurrency} at a time, on the branch pool, while the calling thread waits. In fail-fast mode the first
 * failing iteration cancels the others (their scope is cancelled and their threads interrupted) and its error is
 * rethrown, as the spec requires; otherwise every outcome is returned.
 */
final class ConcurrentIterations {

    /** One iteration; it runs in its own branch with the given cancellation scope. */
    @FunctionalInterface
    interface Iteration {
        JsonNode run(int index, CancellationScope scope);
    }

    /** The result or the failure of one iteration. */
    record Outcome(JsonNode result, StateFailure failure) {
    }

    private final Object lock = new Object();
    private final Set<Thread> workers = new HashSet<>();

    private ConcurrentIterations() {
    }

    static List<Outcome> run(int count, int concurrency, boolean failFast, ExecutorService pool,
            CancellationScope parent, Iteration iteration) {
        return new ConcurrentIterations().runAll(count, concurrency, failFast, pool, parent, iteration);
    }

    private List<Outcome> runAll(int count, int concurrency, boolean failFast, ExecutorService pool,
            CancellationScope parent, Iteration iteration) {
        Outcome[] outcomes = new Outcome[count];
        CancellationScope scope = parent.child();
        AtomicInteger nextIndex = new AtomicInteger();
        AtomicReference<StateFailure> firstFailure = new AtomicReference<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < Math.min(count, concurrency); w++) {
            futures.add(pool.submit(() -> {
                register();
                try {
                    while (!scope.isCancelled()) {
                        int index = nextIndex.getAndIncrement();
                        if (index >= count) {
                            return;
                        }
                        try {
                            outcomes[index] = new Outcome(iteration.run(index, scope), null);
                        } catch (StateFailure failure) {
                            outcomes[index] = new Outcome(null, failure);
                            if (failFast && firstFailure.compareAndSet(null, failure)) {
                                scope.cancel();
                                interruptOtherWorkers();
                            }
                        }
                    }
                } catch (ExecutionCancelledException cancelled) {
                    // the scope was cancelled: stop taking iterations
                } finally {
                    deregister();
                }
            }));
        }
        awaitAll(futures, scope);
        parent.throwIfCancelled();
        if (firstFailure.get() != null) {
            throw firstFailure.get();
        }
        return Arrays.asList(outcomes);
    }

    private void awaitAll(List<Future<?>> futures, CancellationScope scope) {
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                scope.cancel();
                interruptOtherWorkers();
                Thread.currentThread().interrupt();
                throw new ExecutionCancelledException();
            } catch (ExecutionException e) {
                scope.cancel();
                interruptOtherWorkers();
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private void register() {
        synchronized (lock) {
            workers.add(Thread.currentThread());
        }
    }

    private void deregister() {
        synchronized (lock) {
            workers.remove(Thread.currentThread());
        }
    }

    private void interruptOtherWorkers() {
        synchronized (lock) {
            for (Thread worker : workers) {
                if (worker != Thread.currentThread()) {
                    worker.interrupt();
                }
            }
        }
    }
}
