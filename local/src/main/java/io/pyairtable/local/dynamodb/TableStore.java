package io.pyairtable.local.dynamodb;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * All tables, behind one read/write lock: reads run in parallel, every write (including each whole transaction) runs
 * alone, which gives DynamoDB's per-item atomicity and serialisable transactions for free. {@link #version()} counts
 * committed writes, so persistence can tell whether anything changed.
 */
final class TableStore {
    private final Map<String, Table> tables = new TreeMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicLong version = new AtomicLong();

    <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code action} alone; counts as a change unless it throws. */
    <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            T result = action.get();
            version.incrementAndGet();
            return result;
        } finally {
            lock.writeLock().unlock();
        }
    }

    long version() {
        return version.get();
    }

    /** The live map of tables by name; only touch it inside {@link #read} or {@link #write}. */
    Map<String, Table> tables() {
        return tables;
    }

    /** The table called {@code name}, or ResourceNotFoundException. Call inside {@link #read} or {@link #write}. */
    Table table(String name) {
        Table table = tables.get(name);
        if (table == null) {
            throw DynamoDbException.tableNotFound();
        }
        return table;
    }
}
