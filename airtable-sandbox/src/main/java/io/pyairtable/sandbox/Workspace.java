package io.pyairtable.sandbox;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * All bases of the sandbox plus the lock that guards them. Reads run under the shared lock, every
 * write request under the exclusive lock, which makes each write request atomic. After a write the
 * {@link #onChange} callback runs (still under the lock) so a snapshot can be persisted.
 */
final class Workspace {

    private final Map<String, Base> bases = new LinkedHashMap<>();
    private final AttachmentStore attachments = new AttachmentStore();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile Runnable onChange = () -> { };

    void onChange(Runnable listener) {
        this.onChange = listener;
    }

    AttachmentStore attachments() {
        return attachments;
    }

    Collection<Base> bases() {
        return Collections.unmodifiableCollection(bases.values());
    }

    Optional<Base> base(String baseId) {
        return Optional.ofNullable(bases.get(baseId));
    }

    void addBase(Base base) {
        bases.put(base.id(), base);
    }

    void clear() {
        bases.clear();
        attachments.clear();
    }

    /** Runs a read-only action under the shared lock. */
    <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs a mutating action under the exclusive lock and then notifies the change listener. */
    <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            T result = action.get();
            onChange.run();
            return result;
        } finally {
            lock.writeLock().unlock();
        }
    }
}
