package io.pyairtable.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SandboxMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Integer run(String... args) {
        SandboxMain.Launch launch = launch(args);
        if (launch.running()) {
            launch.sandbox().close();
            return null;
        }
        return launch.exitCode();
    }

    private SandboxMain.Launch launch(String... args) {
        return SandboxMain.launch(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void badOptionsExitWithCode2() {
        assertThat(run("--bogus")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --bogus").contains("Usage");
        assertThat(run("--port", "seventy")).isEqualTo(2);
        assertThat(run("--port")).isEqualTo(2);
        assertThat(run("--rate-limit", "-1")).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void helpPrintsUsage() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--rate-limit");
    }

    @Test
    void parsesEveryOption() {
        assertThat(SandboxMain.parse(new String[] {"--port", "0", "--host", "127.0.0.1", "--no-seed",
            "--rate-limit", "0", "--penalty-seconds", "1", "--data", "x.json", "--in-memory", "--admin"})).isNotNull();
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--penalty-seconds", "x"}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void adminFlagEnablesTheFaultRoutes() {
        SandboxMain.Launch withAdmin = launch("--port", "0", "--no-seed", "--admin");
        SandboxMain.Launch without = launch("--port", "0", "--no-seed");
        try {
            assertThat(new ApiClient(withAdmin.sandbox().baseUrl(), null).get("/_sandbox/faults").status())
                    .isEqualTo(200);
            assertThat(new ApiClient(without.sandbox().baseUrl(), null).get("/_sandbox/faults").status())
                    .isEqualTo(404);
        } finally {
            withAdmin.sandbox().close();
            without.sandbox().close();
        }
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--admin");
    }

    @Test
    void printsExactlyOneReadyLine() {
        SandboxMain.Launch launch = launch("--port", "0", "--no-seed");
        assertThat(launch.running()).isTrue();
        assertThat(new ApiClient(launch.sandbox().baseUrl(), launch.sandbox().demoToken())
                .get("/v0/meta/bases").json().path("bases")).isEmpty();
        launch.sandbox().close();
        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(output.lines()).hasSize(1);
        assertThat(output).matches("Airtable sandbox ready at http://127\\.0\\.0\\.1:\\d+ \\(demo base appDemoCrmSandbox,"
                + " token pat\\S+\\)\\R");
    }
}
