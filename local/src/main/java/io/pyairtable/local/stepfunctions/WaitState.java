package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code Wait}: delays for {@code Seconds} / {@code SecondsPath} or until {@code Timestamp} / {@code TimestampPath}
 * (a timestamp in the past does not wait), through the engine's {@link Sleeper} and {@link java.time.Clock}. The
 * paths are read from the effective input; the output is OutputPath(effective input).
 */
final class WaitState extends State {
    private final Long seconds;
    private final Instant timestamp;
    private final JsonPath secondsPath;
    private final JsonPath timestampPath;

    WaitState(Common common, Long seconds, Instant timestamp, JsonPath secondsPath, JsonPath timestampPath) {
        super(common);
        this.seconds = seconds;
        this.timestamp = timestamp;
        this.secondsPath = secondsPath;
        this.timestampPath = timestampPath;
    }

    @Override
    String type() {
        return "Wait";
    }

    @Override
    Transition execute(JsonNode rawInput, Instant entered, BranchRun run) {
        JsonNode effective = effectiveInput(rawInput);
        run.sleep(waitTime(effective, run.now()));
        return new Transition(applyOutputPath(effective), next());
    }

    private Duration waitTime(JsonNode input, Instant now) {
        if (seconds != null) {
            return Duration.ofSeconds(seconds);
        }
        if (timestamp != null) {
            return Duration.between(now, timestamp);
        }
        if (secondsPath != null) {
            JsonNode value = read(secondsPath, input, "SecondsPath");
            if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
                throw StateFailure.runtime("SecondsPath '" + secondsPath + "' must resolve to a non-negative integer, got "
                        + Json.abbreviate(value));
            }
            return Duration.ofSeconds(value.asLong());
        }
        JsonNode value = read(timestampPath, input, "TimestampPath");
        Instant until = value.isTextual() ? ComparisonOperator.parseTimestamp(value.asText()) : null;
        if (until == null) {
            throw StateFailure.runtime("TimestampPath '" + timestampPath + "' must resolve to an RFC 3339 timestamp, got "
                    + Json.abbreviate(value));
        }
        return Duration.between(now, until);
    }

    private static JsonNode read(JsonPath path, JsonNode input, String field) {
        return path.find(input).orElseThrow(() -> StateFailure.runtime("Invalid path '" + path + "' in " + field
                + ": no results in " + Json.abbreviate(input)));
    }
}
