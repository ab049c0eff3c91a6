package io.pyairtable.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server that speaks the Airtable Web API (v0): records, metadata, attachment upload,
 * personal access tokens with scopes, and Airtable's rate limits. Data lives in memory, optionally
 * mirrored to a JSON data file.
 *
 * <pre>{@code
 * try (AirtableSandbox sandbox = AirtableSandbox.builder().start()) {
 *     URI api = sandbox.baseUrl();            // the client appends /v0/...
 *     String token = sandbox.demoToken();
 *     String base = sandbox.demoBaseId();      // "Demo CRM": Companies, Contacts, Deals
 * }
 * }</pre>
 */
public final class AirtableSandbox implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUrl;
    private final Workspace workspace;
    private final TokenRegistry tokens;
    private final RateLimiter rateLimiter;
    private final ListIterators iterators;
    private final SandboxHttpHandler handler;
    private final SnapshotFile snapshotFile;
    private final Faults faults = new Faults();

    private AirtableSandbox(Builder builder) throws IOException {
        Clock clock = Clock.systemUTC();
        workspace = new Workspace();
        tokens = new TokenRegistry();
        rateLimiter = new RateLimiter(builder.requestsPerSecondPerBase,
                builder.requestsPerSecondPerBase == 0 ? 0 : builder.requestsPerSecondPerToken,
                builder.penalty, System::nanoTime);
        iterators = new ListIterators(clock, builder.offsetTtl);
        server = HttpServer.create(new InetSocketAddress(builder.host, builder.port), 64);
        baseUrl = URI.create("http://" + hostForUrl(builder.host) + ":" + server.getAddress().getPort());

        try {
            AttachmentUrls attachmentUrls = new AttachmentUrls(workspace.attachments());
            attachmentUrls.baseUrl(baseUrl.toString());
            snapshotFile = builder.dataFile == null ? null : new SnapshotFile(builder.dataFile);
            boolean loaded = snapshotFile != null && snapshotFile.exists();
            if (loaded) {
                snapshotFile.load(workspace, attachmentUrls);
            }
            if (builder.seedDemoBase && workspace.base(DemoBaseSeeder.BASE_ID).isEmpty()) {
                DemoBaseSeeder.seed(workspace);
            }
            if (snapshotFile != null) {
                snapshotFile.save(workspace);
                workspace.onChange(() -> snapshotFile.save(workspace));
            }

            RecordWriter writer = new RecordWriter(new FieldValueConverter(attachmentUrls), clock);
            Router router = new Router(workspace, tokens, rateLimiter,
                    new RecordsEndpoint(workspace, new RecordLister(iterators), writer),
                    new MetaEndpoint(workspace, new SchemaEditor(IdSource.RANDOM)),
                    new AttachmentsEndpoint(workspace, attachmentUrls, clock),
                    new FaultInjector(faults),
                    builder.adminEndpoints ? new FaultAdminEndpoint(faults) : null);
            handler = new SandboxHttpHandler(router);
            executor = Executors.newFixedThreadPool(Math.max(8, Runtime.getRuntime().availableProcessors() * 2),
                    daemonThreads());
            server.setExecutor(executor);
            server.createContext("/", handler);
            server.start();
        } catch (RuntimeException startFailure) {
            server.stop(0);
            throw startFailure;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The server root, e.g. {@code http://127.0.0.1:54321}; clients append {@code /v0/...}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** A fixed, obviously fake personal access token with every scope on every base. */
    public String demoToken() {
        return TokenRegistry.DEMO_TOKEN;
    }

    /** The fixed id of the seeded "Demo CRM" base ({@value DemoBaseSeeder#BASE_ID}). */
    public String demoBaseId() {
        return DemoBaseSeeder.BASE_ID;
    }

    /**
     * Creates a restricted token, e.g. for 401/403 tests.
     *
     * @param baseIds the bases it may access; {@code "*"} means every base
     * @param scopes scopes such as {@code data.records:read}, {@code data.records:write},
     *     {@code schema.bases:read}, {@code schema.bases:write}
     */
    public String createToken(Set<String> baseIds, Set<String> scopes) {
        return tokens.create(baseIds, scopes).value();
    }

    /**
     * Creates a base with the given tables (each with a default "Grid view") and returns its id.
     *
     * @throws IllegalArgumentException if a definition is invalid (duplicate names, unknown type, ...)
     */
    public String createBase(String name, List<TableSpec> tables) {
        Objects.requireNonNull(name, "name");
        List<JsonNode> definitions = tables.stream()
                .map(table -> DemoBaseSeeder.table(table.name(), table.fields()))
                .toList();
        try {
            return workspace.write(() -> {
                Base base = new SchemaEditor(IdSource.RANDOM).createBase(Ids.random("app"), name, definitions);
                workspace.addBase(base);
                return base.id();
            });
        } catch (ApiException invalid) {
            throw new IllegalArgumentException(invalid.body().toString(), invalid);
        }
    }

    /**
     * The fault injection rules: make the next matching requests fail, time out, lose their response
     * or the connection. Empty at start; see {@link Faults} and {@link Fault}.
     */
    public Faults faults() {
        return faults;
    }

    /**
     * Requests answered so far, whatever their status (connections dropped by a
     * {@link Fault.Kind#DROP_AFTER_APPLY} fault are not answered and not counted).
     */
    public long requestsServed() {
        return handler.requestsServed();
    }

    /** 429 responses sent so far. */
    public long rateLimitedResponses() {
        return handler.rateLimitedResponses();
    }

    /** Zeroes both counters and forgets rate-limit history and penalties. */
    public void resetCounters() {
        handler.resetCounters();
        rateLimiter.reset();
    }

    /** Invalidates every outstanding list offset (the next use gets LIST_RECORDS_ITERATOR_NOT_AVAILABLE). */
    public void expireOffsets() {
        iterators.expireAll();
    }

    /** Stops the server at once; with a data file, writes a last snapshot. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        if (snapshotFile != null) {
            try {
                workspace.write(() -> null);
            } catch (UncheckedIOException e) {
                System.err.println("airtable-sandbox: " + e.getMessage());
            }
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "airtable-sandbox-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Configures and starts an {@link AirtableSandbox}. */
    public static final class Builder {

        private int port;
        private String host = "127.0.0.1";
        private int requestsPerSecondPerBase = 5;
        private int requestsPerSecondPerToken = 50;
        private Duration penalty = Duration.ofSeconds(30);
        private boolean seedDemoBase = true;
        private Path dataFile;
        private Duration offsetTtl = Duration.ofMinutes(5);
        private boolean adminEndpoints;

        private Builder() {
        }

        /** TCP port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Interface to bind; default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Airtable's per-base limit; default 5. 0 disables rate limiting entirely. */
        public Builder requestsPerSecondPerBase(int limit) {
            this.requestsPerSecondPerBase = requireNotNegative(limit, "requestsPerSecondPerBase");
            return this;
        }

        /** The per-token limit; default 50; 0 disables the per-token limit. */
        public Builder requestsPerSecondPerToken(int limit) {
            this.requestsPerSecondPerToken = requireNotNegative(limit, "requestsPerSecondPerToken");
            return this;
        }

        /** How long every request is rejected after the first 429; default 30 s. */
        public Builder penalty(Duration penalty) {
            this.penalty = requireNotNegative(penalty, "penalty");
            return this;
        }

        /** Whether to create the "Demo CRM" base; default true. */
        public Builder seedDemoBase(boolean seed) {
            this.seedDemoBase = seed;
            return this;
        }

        /** A JSON file loaded at start (if it exists) and rewritten after every write; default none. */
        public Builder dataFile(Path file) {
            this.dataFile = file;
            return this;
        }

        /** How long a list offset stays valid; default 5 minutes. */
        public Builder offsetTtl(Duration ttl) {
            this.offsetTtl = requireNotNegative(ttl, "offsetTtl");
            return this;
        }

        /**
         * Whether to serve the fault injection admin routes under {@code /_sandbox/faults} (no token
         * needed); default false, when they answer 404 like any unknown route. For manual runs and
         * browser tests; Java tests use {@link AirtableSandbox#faults()}.
         */
        public Builder adminEndpoints(boolean enabled) {
            this.adminEndpoints = enabled;
            return this;
        }

        /**
         * Starts the server.
         *
         * @throws UncheckedIOException if the port cannot be bound or the data file cannot be used
         */
        public AirtableSandbox start() {
            try {
                return new AirtableSandbox(this);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the Airtable sandbox on " + host + ":" + port, e);
            }
        }

        private static int requireNotNegative(int value, String name) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return value;
        }

        private static Duration requireNotNegative(Duration value, String name) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be a non-negative duration");
            }
            return value;
        }
    }
}
