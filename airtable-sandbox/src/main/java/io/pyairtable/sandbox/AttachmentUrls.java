package io.pyairtable.sandbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Builds the URLs at which the sandbox serves uploaded attachments
 * ({@code <baseUrl>/attachments/<attachmentId>/<filename>}) and recognises them again.
 */
final class AttachmentUrls {

    static final String PATH_PREFIX = "/attachments/";

    private final AttachmentStore store;
    private volatile String baseUrl = "http://localhost";

    AttachmentUrls(AttachmentStore store) {
        this.store = store;
    }

    void baseUrl(String serverBaseUrl) {
        this.baseUrl = serverBaseUrl;
    }

    String urlFor(String attachmentId, String filename) {
        String encoded = URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
        return baseUrl + PATH_PREFIX + attachmentId + "/" + encoded;
    }

    /** The attachment id in a sandbox attachment URL, or {@code null} for any other URL. */
    static String attachmentIdOf(String url) {
        int start = url.indexOf(PATH_PREFIX);
        if (start < 0) {
            return null;
        }
        String rest = url.substring(start + PATH_PREFIX.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** Size of an attachment served by this sandbox, 0 for external URLs (the sandbox does not fetch them). */
    long sizeOf(String url) {
        String id = attachmentIdOf(url);
        return id == null ? 0 : store.get(id).map(file -> (long) file.content().length).orElse(0L);
    }
}
