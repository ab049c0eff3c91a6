package io.pyairtable.local.bench;

import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.LocalCloudOptions;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One measurement of the local cloud's start, run in a fresh JVM by scripts/bench-local: prints the time from JVM
 * start to ready (what a user waits for after the build) and the process's resident memory once ready.
 */
public final class StartupProbe {
    private StartupProbe() {}

    public static void main(String[] args) throws Exception {
        Path template = Path.of(args.length > 0 ? args[0] : "../template.yaml");
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.forTests(template)
                .withLog(new PrintStream(PrintStream.nullOutputStream())))) {
            long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.printf(Locale.ROOT, "startup jvm-to-ready %d ms, cloud-start %d ms, rss %d MB%n", sinceJvmStart,
                    cloud.startupTime().toMillis(), residentMegabytes());
        }
    }

    private static long residentMegabytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
