package io.pyairtable.functions.core.snapstart;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart runtime hooks of one handler (docs/performance.md, "Cold start").
 *
 * <p>{@link #beforeCheckpoint} runs the handler's offline code paths once, so that the classes they load, the JIT
 * work they cause and the JDK's lazily built state (TLS trust store, crypto providers, Jackson serializers, the AWS
 * SDK's endpoint rules, marshallers and signers) are in the snapshot instead of being paid by the first request of
 * every restored environment. Every step must be offline: synthetic requests that the handler rejects before any AWS
 * or Airtable call, and AWS SDK calls through {@link OfflineSdk} (no socket). A failing step is logged and skipped:
 * priming never fails the checkpoint.
 *
 * <p>{@link #afterRestore} restores per-environment uniqueness (docs/performance.md lists what each handler holds):
 * it moves the restoring thread's {@link ThreadLocalRandom} (retry and rate-limiter jitter, otherwise the same
 * sequence in every environment restored from one snapshot) to a position drawn from {@link SecureRandom}.
 * {@code SecureRandom} itself (password salts, refresh tokens, {@code UUID.randomUUID}) needs nothing: the default
 * NativePRNG mixes fresh {@code /dev/urandom} output into every call.
 *
 * <p>Handlers register with one line in their {@code Map<String, String>} constructor. Registration happens only when
 * the environment says Lambda is initializing a SnapStart version ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start});
 * the registered resources are kept in a static set because CRaC's global context holds its resources weakly.
 */
public final class Priming implements Resource {
    /** {@code AWS_LAMBDA_INITIALIZATION_TYPE} while Lambda initializes a function version for its snapshot. */
    public static final String SNAP_START = "snap-start";
    static final int MAX_JITTER_SKIP = 1 << 20;
    private static final Set<Priming> REGISTERED = ConcurrentHashMap.newKeySet();

    /** Offline work done before the snapshot. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /** A named priming step. */
    public record Step(String name, Action action) {
    }

    /** What the last {@link #beforeCheckpoint} did: steps run, the names (and errors) of those that failed, time. */
    public record Report(int steps, List<String> failures, long millis) {
    }

    private final String name;
    private final Object owner;
    private final Function<Object, List<Step>> steps;
    private volatile Report last;
    private volatile int restores;

    private <T> Priming(String name, T owner, Function<T, List<Step>> steps) {
        this.name = name;
        this.owner = owner;
        @SuppressWarnings("unchecked")
        Function<Object, List<Step>> untyped = o -> steps.apply((T) o);
        this.steps = untyped;
    }

    /**
     * Registers the priming of {@code owner} with the CRaC global context when {@code env} is a SnapStart
     * initialization; returns it (empty otherwise). The steps are built at checkpoint time.
     */
    public static <T> Optional<Priming> register(Map<String, String> env, T owner, Function<T, List<Step>> steps) {
        if (!SNAP_START.equals(env.get("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
            return Optional.empty();
        }
        Priming priming = new Priming(owner.getClass().getSimpleName(), owner, steps);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
        return Optional.of(priming);
    }

    /** The priming registered for {@code owner} (tests, diagnostics). */
    public static Optional<Priming> registeredFor(Object owner) {
        return REGISTERED.stream().filter(p -> p.owner == owner).findFirst();
    }

    /** A priming not registered anywhere: {@link #beforeCheckpoint} runs when called (tests, benchmarks). */
    public static <T> Priming unregistered(T owner, Function<T, List<Step>> steps) {
        return new Priming(owner.getClass().getSimpleName(), owner, steps);
    }

    public static Step step(String name, Action action) {
        return new Step(name, action);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long start = System.nanoTime();
        List<String> failures = new ArrayList<>();
        int count = 0;
        List<Step> planned;
        try {
            planned = steps.apply(owner);
        } catch (RuntimeException | LinkageError e) {
            planned = List.of();
            failures.add("(steps) " + e.getClass().getName() + ": " + e.getMessage());
        }
        for (Step step : planned) {
            count++;
            try {
                try (var quiet = io.pyairtable.functions.core.telemetry.Telemetry.unrecorded()) {
                    step.action().run(); // synthetic requests: no log lines, no metrics (docs/observability.md)
                }
            } catch (Exception | LinkageError | AssertionError e) {
                failures.add(step.name() + ": " + e.getClass().getName() + ": " + e.getMessage());
            }
        }
        Report report = new Report(count, List.copyOf(failures), (System.nanoTime() - start) / 1_000_000);
        last = report;
        System.out.println("snapstart priming " + name + ": " + report.steps() + " step(s) in " + report.millis()
                + " ms" + (failures.isEmpty() ? "" : ", failed (skipped): " + failures));
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        try {
            decorrelateJitter();
        } catch (RuntimeException e) {
            System.out.println("snapstart restore " + name + ": " + e.getClass().getName());
        }
        restores++;
    }

    /**
     * Advances this thread's {@link ThreadLocalRandom} by a count drawn from {@link SecureRandom}: after a restore,
     * environments from one snapshot would otherwise draw the same jitter sequence. (Its seed cannot be set; the
     * Lambda Java runtime runs the hooks on the thread that then runs the invocations.) Returns the count.
     */
    static int decorrelateJitter() {
        int skip = new SecureRandom().nextInt(MAX_JITTER_SKIP);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < skip; i++) {
            random.nextLong();
        }
        return skip;
    }

    public String name() {
        return name;
    }

    /** The report of the last {@link #beforeCheckpoint}, or {@code null} before the first. */
    public Report lastReport() {
        return last;
    }

    public int restores() {
        return restores;
    }
}
