package io.pyairtable.local.httpapi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Serves a directory (the built frontend) for GET/HEAD requests no route claims. Paths whose last segment has no file
 * extension fall back to {@code index.html}, so client-side routes of a single-page app load the app.
 */
final class StaticFiles {
    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("ico", "image/x-icon"),
            Map.entry("webp", "image/webp"), Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("webmanifest", "application/manifest+json"));

    private final Path root;

    StaticFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The file for {@code rawPath}, the SPA fallback, or null (then 404). */
    GatewayResponse serve(String rawPath) throws IOException {
        List<String> segments = RouteTable.segments(rawPath);
        Path file = root;
        for (String segment : segments) {
            if (segment.equals("..") || segment.contains("/") || segment.contains("\\")) {
                return null;
            }
            file = file.resolve(segment);
        }
        file = file.normalize();
        if (!file.startsWith(root)) {
            return null;
        }
        if (Files.isDirectory(file)) {
            file = file.resolve("index.html");
        }
        if (!Files.isRegularFile(file)) {
            String last = segments.isEmpty() ? "" : segments.get(segments.size() - 1);
            if (last.contains(".")) {
                return null;
            }
            file = root.resolve("index.html");
            if (!Files.isRegularFile(file)) {
                return null;
            }
        }
        GatewayResponse response = new GatewayResponse(200, Files.readAllBytes(file));
        response.header("content-type", contentType(file));
        response.header("cache-control", file.getFileName().toString().equals("index.html") ? "no-cache" : "max-age=60");
        return response;
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }
}
