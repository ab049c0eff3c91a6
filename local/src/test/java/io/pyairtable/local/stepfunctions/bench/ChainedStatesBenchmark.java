package io.pyairtable.local.stepfunctions.bench;

import io.pyairtable.local.stepfunctions.ExecutionInfo;
import io.pyairtable.local.stepfunctions.ExecutionStatus;
import io.pyairtable.local.stepfunctions.StepFunctionsEngine;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Interpreter overhead: one execution of 100 chained states (50 Pass + 50 Task on a trivial in-process Lambda, each
 * with Parameters/ResultPath), cold and after warm-up. Prints numbers; asserts nothing about time. Tagged
 * {@code benchmark}, which the build's surefire configuration excludes: run {@link #main} (test classpath).
 */
@Tag("benchmark")
class ChainedStatesBenchmark {
    private static final int STATES = 100;

    static String definition() {
        StringBuilder states = new StringBuilder();
        for (int i = 0; i < STATES; i++) {
            String next = i == STATES - 1 ? "\"End\": true" : "\"Next\": \"S" + (i + 1) + "\"";
            if (i % 2 == 0) {
                states.append("\"S").append(i).append("\": {\"Type\": \"Pass\", \"Parameters\": {\"n.$\": \"$.n\", \"step\": ")
                        .append(i).append("}, ").append(next).append("},");
            } else {
                states.append("\"S").append(i).append("\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
                        + " \"Parameters\": {\"FunctionName\": \"inc\", \"Payload.$\": \"$\"}, \"ResultSelector\": {\"n.$\": \"$.Payload.n\"},"
                        + " \"OutputPath\": \"$.r\", \"ResultPath\": \"$.r\", ").append(next).append("},");
            }
        }
        states.setLength(states.length() - 1);
        return "{\"StartAt\": \"S0\", \"States\": {" + states + "}}";
    }

    /** Runs warm-up and measured executions; returns the median milliseconds per execution. */
    static double measure(int warmup, int measured) {
        try (StepFunctionsEngine engine = StepFunctionsEngine.builder()
                .lambdaInvoker((function, payload) -> {
                    var out = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
                    return out.put("n", payload.path("n").asInt() + 1);
                }).build()) {
            String arn = engine.createStateMachine("chain", definition(), "arn:aws:iam::000000000000:role/bench").stateMachineArn();
            double[] times = new double[measured];
            for (int i = 0; i < warmup + measured; i++) {
                long start = System.nanoTime();
                ExecutionInfo info = engine.awaitCompletion(engine.startExecution(arn, "run-" + i, "{\"n\": 0}").executionArn(),
                        Duration.ofSeconds(30));
                long elapsed = System.nanoTime() - start;
                if (info.status() != ExecutionStatus.SUCCEEDED || !info.output().equals("{\"n\":50}")) {
                    throw new IllegalStateException("unexpected result " + info);
                }
                if (i >= warmup) {
                    times[i - warmup] = elapsed / 1e6;
                }
            }
            java.util.Arrays.sort(times);
            System.out.printf("100 chained states (50 Pass + 50 lambda:invoke Task): median %.2f ms, min %.2f ms, "
                    + "p90 %.2f ms, max %.2f ms over %d runs%n", times[measured / 2], times[0], times[measured * 9 / 10],
                    times[measured - 1], measured);
            return times[measured / 2];
        }
    }

    @Test
    void chainOf100States() {
        measure(200, 200);
    }

    public static void main(String[] args) {
        System.out.println("cold (first execution in a fresh JVM):");
        measure(0, 1);
        System.out.println("warm:");
        measure(200, 200);
    }
}
