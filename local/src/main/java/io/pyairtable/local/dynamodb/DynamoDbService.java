package io.pyairtable.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import io.pyairtable.local.aws.AwsJsonService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A wire-compatible local Amazon DynamoDB (awsJson1_0, target prefix {@code DynamoDB_20120810}) backed by an in-memory
 * engine: tables with GSIs/LSIs, the item, batch, query/scan and transaction APIs, DynamoDB's expression languages
 * and type system, TTL, and DynamoDB's error types and messages, so the real SDK behaves as against AWS.
 *
 * <p>Thread-safe: reads run in parallel, writes (and each transaction) one at a time.
 *
 * <p>Persistence (optional): with a data file, the state is loaded at start and saved as a JSON snapshot, written
 * atomically, at most once per {@code flushInterval} when something changed, and at {@link #close()}. A crash can
 * lose the writes of the last interval, never corrupt the file.
 *
 * <p>TTL: a background sweep every {@code ttlSweepInterval} deletes expired items; {@link #sweepExpiredItems()} runs
 * one sweep on demand (tests), and the clock is injectable.
 */
public final class DynamoDbService implements AwsJsonService, AutoCloseable {
    private final TableStore store = new TableStore();
    private final TableOperations tables;
    private final ItemOperations items;
    private final QueryOperations queries;
    private final TransactionOperations transactions;
    private final TimeToLiveSweeper sweeper;
    private final DynamoDbDataFile dataFile;
    private final ScheduledExecutorService background;
    private volatile long savedVersion;

    /** An in-memory service with a TTL sweep every 5 seconds. */
    public DynamoDbService() {
        this(builder());
    }

    /** A service persisted to {@code dataFile} (null = in memory), with default intervals. */
    public DynamoDbService(Path dataFile) {
        this(builder().dataFile(dataFile));
    }

    private DynamoDbService(Builder builder) {
        this.tables = new TableOperations(store, builder.clock);
        this.items = new ItemOperations(store);
        this.queries = new QueryOperations(store);
        this.transactions = new TransactionOperations(store, builder.clock);
        this.sweeper = new TimeToLiveSweeper(store, builder.clock);
        this.dataFile = builder.dataFile == null ? null : new DynamoDbDataFile(builder.dataFile);
        if (dataFile != null) {
            dataFile.loadInto(store);
            savedVersion = store.version();
        }
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "local-dynamodb");
            thread.setDaemon(true);
            return thread;
        });
        if (builder.ttlSweepInterval != null) {
            long millis = builder.ttlSweepInterval.toMillis();
            background.scheduleWithFixedDelay(this::sweepQuietly, millis, millis, TimeUnit.MILLISECONDS);
        }
        if (dataFile != null) {
            long millis = builder.flushInterval.toMillis();
            background.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String signingName() {
        return "dynamodb";
    }

    @Override
    public String targetPrefix() {
        return "DynamoDB_20120810";
    }

    @Override
    public String contentType() {
        return "application/x-amz-json-1.0";
    }

    @Override
    public JsonNode handle(String operation, JsonNode input) {
        return switch (operation) {
            case "CreateTable" -> tables.createTable(input);
            case "DescribeTable" -> tables.describeTable(input);
            case "ListTables" -> tables.listTables(input);
            case "DeleteTable" -> tables.deleteTable(input);
            case "UpdateTable" -> tables.updateTable(input);
            case "UpdateTimeToLive" -> tables.updateTimeToLive(input);
            case "DescribeTimeToLive" -> tables.describeTimeToLive(input);
            case "UpdateContinuousBackups" -> tables.updateContinuousBackups(input);
            case "DescribeContinuousBackups" -> tables.describeContinuousBackups(input);
            case "TagResource" -> tables.tagResource(input);
            case "UntagResource" -> tables.untagResource(input);
            case "ListTagsOfResource" -> tables.listTagsOfResource(input);
            case "PutItem" -> items.putItem(input);
            case "GetItem" -> items.getItem(input);
            case "UpdateItem" -> items.updateItem(input);
            case "DeleteItem" -> items.deleteItem(input);
            case "BatchGetItem" -> items.batchGetItem(input);
            case "BatchWriteItem" -> items.batchWriteItem(input);
            case "Query" -> queries.query(input);
            case "Scan" -> queries.scan(input);
            case "TransactWriteItems" -> transactions.transactWriteItems(input);
            case "TransactGetItems" -> transactions.transactGetItems(input);
            default -> throw DynamoDbException.of("UnknownOperationException",
                    "DynamoDB operation " + operation + " is not supported by the local DynamoDB");
        };
    }

    /** Runs one TTL sweep now; returns the number of expired items deleted. */
    public int sweepExpiredItems() {
        return sweeper.sweep();
    }

    /** Writes the data file now if anything changed since the last save (no-op for an in-memory service). */
    public synchronized void flush() {
        if (dataFile == null) {
            return;
        }
        long version = store.version();
        if (version != savedVersion) {
            dataFile.save(store);
            savedVersion = version;
        }
    }

    /** Stops the background sweep and flusher and saves the data file one last time. */
    @Override
    public void close() {
        background.shutdownNow();
        flush();
    }

    private void sweepQuietly() {
        try {
            sweeper.sweep();
        } catch (RuntimeException e) {
            System.err.println("[dynamodb] TTL sweep failed: " + e);
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            System.err.println("[dynamodb] saving " + dataFile.path() + " failed: " + e);
        }
    }

    /** Options of a {@link DynamoDbService}. */
    public static final class Builder {
        private Path dataFile;
        private Clock clock = Clock.systemUTC();
        private Duration ttlSweepInterval = Duration.ofSeconds(5);
        private Duration flushInterval = Duration.ofMillis(500);

        private Builder() {
        }

        /** Persist to this JSON file (null, the default, keeps everything in memory). */
        public Builder dataFile(Path file) {
            this.dataFile = file;
            return this;
        }

        /** The clock for TTL expiry, creation dates and token lifetimes (default: system UTC). */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** How often the background TTL sweep runs; null disables it (call {@link #sweepExpiredItems()}). */
        public Builder ttlSweepInterval(Duration interval) {
            this.ttlSweepInterval = interval;
            return this;
        }

        /** How often a changed state is saved to the data file (default 500 ms). */
        public Builder flushInterval(Duration interval) {
            this.flushInterval = interval;
            return this;
        }

        public DynamoDbService build() {
            return new DynamoDbService(this);
        }
    }
}
