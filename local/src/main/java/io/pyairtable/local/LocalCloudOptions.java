package io.pyairtable.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How to run the local cloud.
 *
 * @param template      the SAM template (normally {@code template.yaml} at the repository root)
 * @param dataDir       where state is kept between runs ({@code .pyairtable/}); null keeps everything in memory
 * @param host          interface to bind (loopback by default)
 * @param apiPort       HTTP API and frontend (3000); 0 = a free port
 * @param edgePort      AWS endpoint for SDKs and the AWS CLI (4566); 0 = a free port
 * @param airtablePort  Airtable sandbox (8787); 0 = a free port; unused with a real Airtable
 * @param staticFiles   built frontend served at {@code /} by the API, or null
 * @param parameters    template parameter overrides ({@code sam --parameter-overrides})
 * @param airtableToken a real Airtable personal access token: no sandbox is started and functions talk to
 *                      {@code airtableUrl}; null = the sandbox with its demo base
 * @param airtableUrl   Airtable API URL used with {@code airtableToken} (default https://api.airtable.com)
 * @param timeScale     factor applied to Step Functions' waits (Wait states, Retry intervals) and to Lambda's
 *                      retries of asynchronous events (1 and 2 minutes apart in AWS) and their age: 1 = real time;
 *                      tests of retries that AWS spaces 30 s or minutes apart use a small factor
 */
public record LocalCloudOptions(Path template, Path dataDir, String host, int apiPort, int edgePort, int airtablePort,
        Path staticFiles, Map<String, String> parameters, String airtableToken, String airtableUrl, PrintStream log,
        double timeScale) {

    public LocalCloudOptions {
        if (!(timeScale > 0) || timeScale > 1) {
            throw new IllegalArgumentException("timeScale must be in (0, 1]");
        }
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(host, "host");
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(log, "log");
    }

    /** The defaults of {@code pyairtable-local run}: fixed ports, state under {@code .pyairtable/}. */
    public static LocalCloudOptions defaults(Path template) {
        return new LocalCloudOptions(template, Path.of(".pyairtable"), "127.0.0.1", 3000, 4566, 8787, null, Map.of(),
                null, null, System.out, 1.0);
    }

    /** For tests: in memory, free ports, quiet. */
    public static LocalCloudOptions forTests(Path template) {
        return new LocalCloudOptions(template, null, "127.0.0.1", 0, 0, 0, null, Map.of(), null, null,
                new PrintStream(PrintStream.nullOutputStream()), 1.0);
    }

    public LocalCloudOptions inMemory() {
        return new LocalCloudOptions(template, null, host, apiPort, edgePort, airtablePort, staticFiles, parameters,
                airtableToken, airtableUrl, log, timeScale);
    }

    public LocalCloudOptions withDataDir(Path dir) {
        return new LocalCloudOptions(template, dir, host, apiPort, edgePort, airtablePort, staticFiles, parameters,
                airtableToken, airtableUrl, log, timeScale);
    }

    public LocalCloudOptions withPorts(int api, int edge, int airtable) {
        return new LocalCloudOptions(template, dataDir, host, api, edge, airtable, staticFiles, parameters,
                airtableToken, airtableUrl, log, timeScale);
    }

    public LocalCloudOptions withStaticFiles(Path dir) {
        return new LocalCloudOptions(template, dataDir, host, apiPort, edgePort, airtablePort, dir, parameters,
                airtableToken, airtableUrl, log, timeScale);
    }

    public LocalCloudOptions withParameters(Map<String, String> values) {
        return new LocalCloudOptions(template, dataDir, host, apiPort, edgePort, airtablePort, staticFiles, values,
                airtableToken, airtableUrl, log, timeScale);
    }

    public LocalCloudOptions withRealAirtable(String token, String url) {
        return new LocalCloudOptions(template, dataDir, host, apiPort, edgePort, airtablePort, staticFiles, parameters,
                token, url, log, timeScale);
    }

    public LocalCloudOptions withLog(PrintStream out) {
        return new LocalCloudOptions(template, dataDir, host, apiPort, edgePort, airtablePort, staticFiles, parameters,
                airtableToken, airtableUrl, out, timeScale);
    }

    public LocalCloudOptions withTimeScale(double factor) {
        return new LocalCloudOptions(template, dataDir, host, apiPort, edgePort, airtablePort, staticFiles, parameters,
                airtableToken, airtableUrl, log, factor);
    }
}
