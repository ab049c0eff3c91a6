package io.pyairtable.sandbox;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Bytes of attachments uploaded through {@code uploadAttachment}, served back at their URL. */
final class AttachmentStore {

    /** An uploaded file. */
    record StoredFile(String contentType, String filename, byte[] content) {
    }

    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();

    void put(String attachmentId, StoredFile file) {
        files.put(attachmentId, file);
    }

    Optional<StoredFile> get(String attachmentId) {
        return Optional.ofNullable(files.get(attachmentId));
    }

    Map<String, StoredFile> snapshot() {
        return Map.copyOf(files);
    }

    void clear() {
        files.clear();
    }
}
