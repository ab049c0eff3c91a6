package io.pyairtable.local.httpapi;

import io.pyairtable.local.metrics.LocalMetrics;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * How to serve an HTTP API.
 *
 * @param host address to listen on (for example {@code 127.0.0.1})
 * @param port port, 0 for any free one
 * @param apiLogicalId which {@code AWS::Serverless::HttpApi} of the template to serve; null when it has exactly one
 * @param staticFiles directory served for unrouted GET requests (the built frontend), or null
 * @param log where gateway messages go (function errors, invalid responses)
 * @param metrics served at {@code GET /_local/metrics} (local only, not an API Gateway feature), or null
 */
public record HttpApiServerOptions(String host, int port, String apiLogicalId, Path staticFiles, PrintStream log,
        LocalMetrics metrics) {
    /** Request bodies above this are refused with 413, as HTTP APIs do. */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    public static HttpApiServerOptions onPort(int port) {
        return new HttpApiServerOptions("127.0.0.1", port, null, null, System.out, null);
    }

    public HttpApiServerOptions withApi(String logicalId) {
        return new HttpApiServerOptions(host, port, logicalId, staticFiles, log, metrics);
    }

    public HttpApiServerOptions withStaticFiles(Path directory) {
        return new HttpApiServerOptions(host, port, apiLogicalId, directory, log, metrics);
    }

    public HttpApiServerOptions withHost(String address) {
        return new HttpApiServerOptions(address, port, apiLogicalId, staticFiles, log, metrics);
    }

    public HttpApiServerOptions withLog(PrintStream out) {
        return new HttpApiServerOptions(host, port, apiLogicalId, staticFiles, out, metrics);
    }

    public HttpApiServerOptions withMetrics(LocalMetrics served) {
        return new HttpApiServerOptions(host, port, apiLogicalId, staticFiles, log, served);
    }
}
