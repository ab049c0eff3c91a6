package io.pyairtable.sandbox;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A fault injection rule: which requests it matches, what it does to them, how often, and after
 * how many matching requests it starts. Register it with {@link Faults#add(Fault)} (see
 * {@link AirtableSandbox#faults()}).
 *
 * <pre>{@code
 * sandbox.faults().add(Fault.on("POST", "/Deals$").after(1).serverErrorAfterApply());
 * }</pre>
 *
 * @param method the HTTP method (upper case), or {@code null} for any ({@code "*"} and blank are
 *     normalised to {@code null})
 * @param path matched with {@link java.util.regex.Matcher#find()} against the raw request path
 *     (percent-encoded, without the query string), e.g. {@code /v0/appDemoCrmSandbox/Deals};
 *     {@code null} matches any path
 * @param kind what happens to a request the rule fires on
 * @param times how many requests it fires on, at least 1, or {@code -1} for unlimited (until removed)
 * @param delay the wait of {@link Kind#DELAY} and {@link Kind#DELAY_AFTER_APPLY} (positive);
 *     {@link Duration#ZERO} for the other kinds ({@code null} is normalised to zero)
 * @param afterMatches how many matching requests it lets through before it starts firing
 */
public record Fault(String method, Pattern path, Kind kind, int times, Duration delay, int afterMatches) {

    /** {@link #times} of a rule that fires until it is removed. */
    public static final int UNLIMITED = -1;

    /** What a fault does to a request. */
    public enum Kind {
        /** 500 {@code {"error":{"type":"SERVER_ERROR","message":...}}}; the request is not applied. */
        SERVER_ERROR(false),
        /** The request is applied, then the same 500 is answered instead of the real response (a lost response). */
        SERVER_ERROR_AFTER_APPLY(false),
        /** 502 with a plain HTML body, as a proxy in front of Airtable sends; the request is not applied. */
        BAD_GATEWAY(false),
        /**
         * 429 with exactly the body of the sandbox's rate limiter; the request is not applied and no
         * rate-limit penalty starts.
         */
        RATE_LIMITED(false),
        /**
         * Waits {@link Fault#delay}, then handles the request normally. A client that times out
         * meanwhile sees a timeout, and the request is still applied afterwards (as with Airtable).
         */
        DELAY(true),
        /** Applies the request, then waits {@link Fault#delay} before sending the real response. */
        DELAY_AFTER_APPLY(true),
        /** Applies the request, then closes the connection without sending any response byte. */
        DROP_AFTER_APPLY(false);

        private final boolean delays;

        Kind(boolean delays) {
            this.delays = delays;
        }

        /** Whether this kind waits for {@link Fault#delay}. */
        public boolean delays() {
            return delays;
        }
    }

    /**
     * Validates and normalises.
     *
     * @throws IllegalArgumentException if {@code times} is neither positive nor -1, {@code afterMatches}
     *     is negative, or the delay does not suit the kind (positive for the delay kinds, zero otherwise)
     */
    public Fault {
        Objects.requireNonNull(kind, "kind");
        method = method == null || method.isBlank() || method.trim().equals("*")
                ? null
                : method.trim().toUpperCase(Locale.ROOT);
        delay = delay == null ? Duration.ZERO : delay;
        if (times < 1 && times != UNLIMITED) {
            throw new IllegalArgumentException("times must be at least 1, or -1 for unlimited; got " + times);
        }
        if (afterMatches < 0) {
            throw new IllegalArgumentException("afterMatches must not be negative; got " + afterMatches);
        }
        if (kind.delays() && (delay.isNegative() || delay.isZero())) {
            throw new IllegalArgumentException(kind + " needs a positive delay");
        }
        if (!kind.delays() && !delay.isZero()) {
            throw new IllegalArgumentException(kind + " takes no delay; use DELAY or DELAY_AFTER_APPLY");
        }
    }

    /**
     * Starts a rule for requests with this method and a path in which {@code pathRegex} is found.
     *
     * @param method e.g. {@code "POST"}; {@code null} or {@code "*"} for any method
     * @param pathRegex a regular expression searched in the raw request path; {@code null} for any path
     * @throws java.util.regex.PatternSyntaxException if the expression is invalid
     */
    public static Builder on(String method, String pathRegex) {
        return new Builder(method, pathRegex == null ? null : Pattern.compile(pathRegex));
    }

    /** Whether a request with this (upper-case) method and raw path matches the rule. */
    boolean matches(String requestMethod, String rawPath) {
        return (method == null || method.equalsIgnoreCase(requestMethod))
                && (path == null || path.matcher(rawPath).find());
    }

    /** Collects method, path, times and after, then builds the fault with one of the kind methods. */
    public static final class Builder {

        private final String method;
        private final Pattern path;
        private int times = 1;
        private int after;

        private Builder(String method, Pattern path) {
            this.method = method;
            this.path = path;
        }

        /** How many requests the rule fires on (default 1); {@code -1} = unlimited until removed. */
        public Builder times(int times) {
            this.times = times;
            return this;
        }

        /** Fires until removed; same as {@code times(-1)}. */
        public Builder unlimited() {
            return times(UNLIMITED);
        }

        /** Lets the first {@code matches} matching requests through, then fires (default 0). */
        public Builder after(int matches) {
            this.after = matches;
            return this;
        }

        /** A fault of a kind that takes no delay. */
        public Fault kind(Kind kind) {
            return new Fault(method, path, kind, times, Duration.ZERO, after);
        }

        /** A fault of any kind with the given delay (zero for the kinds that take none). */
        public Fault kind(Kind kind, Duration delay) {
            return new Fault(method, path, kind, times, delay, after);
        }

        /** {@link Kind#SERVER_ERROR}. */
        public Fault serverError() {
            return kind(Kind.SERVER_ERROR);
        }

        /** {@link Kind#SERVER_ERROR_AFTER_APPLY}. */
        public Fault serverErrorAfterApply() {
            return kind(Kind.SERVER_ERROR_AFTER_APPLY);
        }

        /** {@link Kind#BAD_GATEWAY}. */
        public Fault badGateway() {
            return kind(Kind.BAD_GATEWAY);
        }

        /** {@link Kind#RATE_LIMITED}. */
        public Fault rateLimited() {
            return kind(Kind.RATE_LIMITED);
        }

        /** {@link Kind#DELAY}. */
        public Fault delay(Duration delay) {
            return kind(Kind.DELAY, delay);
        }

        /** {@link Kind#DELAY_AFTER_APPLY}. */
        public Fault delayAfterApply(Duration delay) {
            return kind(Kind.DELAY_AFTER_APPLY, delay);
        }

        /** {@link Kind#DROP_AFTER_APPLY}. */
        public Fault dropAfterApply() {
            return kind(Kind.DROP_AFTER_APPLY);
        }
    }
}
