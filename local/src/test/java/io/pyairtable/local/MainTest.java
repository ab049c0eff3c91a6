package io.pyairtable.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpDocumentsCommandsOptionsAndEnvironment() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out()).contains("invoke <LogicalId>", "--in-memory", "--aws-port", "AIRTABLE_TOKEN", "4566");
    }

    @Test
    void badUsageExitsWith2() {
        assertThat(run(Map.of(), "--bogus")).isEqualTo(2);
        assertThat(err()).contains("unknown option --bogus");
        assertThat(run(Map.of(), "--port", "x", "--template", "src/test/resources/cloud/app.yaml")).isEqualTo(2);
        assertThat(run(Map.of(), "deploy")).isEqualTo(2);
        assertThat(run(Map.of(), "--template", "nope.yaml")).isEqualTo(2);
        assertThat(err()).contains("template not found");
        assertThat(run(Map.of(), "invoke")).isEqualTo(2);
    }

    @Test
    void runPrintsTheReadyLine() {
        assertThat(run(Map.of(), "run", "--template", "src/test/resources/cloud/app.yaml", "--in-memory",
                "--port", "0", "--aws-port", "0", "--airtable-port", "0")).isZero();
        assertThat(out()).startsWith("PyAirtable local cloud ready in ").contains("data in memory");
    }

    @Test
    void aRealAirtableTokenReplacesTheSandbox() {
        assertThat(run(Map.of("AIRTABLE_TOKEN", "patReal.token", "AIRTABLE_API_URL", "http://127.0.0.1:9"),
                "--template", "src/test/resources/cloud/app.yaml", "--in-memory", "--port", "0", "--aws-port", "0"))
                .isZero();
        assertThat(out()).contains("Airtable http://127.0.0.1:9").doesNotContain("sandbox").doesNotContain("patReal");
    }

    @Test
    void invokeRunsOneFunctionLikeSamLocalInvoke() {
        int code = run(Map.of(), "invoke", "CountFunction", "-e", "src/test/resources/cloud/events/count.json",
                "--template", "src/test/resources/cloud/app.yaml", "--in-memory");
        assertThat(code).as("the bucket does not exist: a function error").isEqualTo(1);
        assertThat(err()).contains("START RequestId:", "END RequestId:", "REPORT RequestId:");
        assertThat(out()).contains("\"errorType\"").contains("NoSuchBucket");
    }
}
