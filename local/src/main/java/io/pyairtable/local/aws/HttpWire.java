package io.pyairtable.local.aws;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The little of HTTP/1.1 (RFC 9112) the local AWS endpoints speak on plain sockets, one thread per connection:
 * message heads, bodies framed by {@code Content-Length} or chunked encoding, persistent connections. Used by
 * {@link AwsEndpoint} and the edge ({@code io.pyairtable.local.edge.EdgeRouter}).
 */
public final class HttpWire {
    public static final int MAX_HEAD_BYTES = 64 * 1024;

    private HttpWire() {
    }

    /** A request or response head: start line and header lines exactly as received (ISO-8859-1), CRLF-terminated. */
    public record Head(String text, String startLine, Map<String, String> headers) {
        /**
         * The next head, or null when the stream ends (or the read times out) before its first byte: the peer
         * closed an idle persistent connection.
         */
        public static Head read(InputStream in) throws IOException {
            String start;
            try {
                start = line(in);
                while (start.isEmpty()) { // empty lines before a request line are tolerated (RFC 9112 §2.2)
                    start = line(in);
                }
            } catch (EOFException | SocketTimeoutException closedOrIdle) {
                return null;
            }
            StringBuilder text = new StringBuilder(512).append(start).append("\r\n");
            Map<String, String> headers = new HashMap<>();
            while (true) {
                String line = line(in);
                text.append(line).append("\r\n");
                if (text.length() > MAX_HEAD_BYTES) {
                    throw new IOException("head over " + MAX_HEAD_BYTES + " bytes");
                }
                if (line.isEmpty()) {
                    return new Head(text.toString(), start, headers);
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).strip(), (a, b) -> a + ", " + b);
                }
            }
        }

        /** A header's value (several fields of the name joined by ", "), or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** A request's method. */
        public String method() {
            int space = startLine.indexOf(' ');
            return space < 0 ? startLine : startLine.substring(0, space);
        }

        /** A request's target (path and query, as sent). */
        public String target() {
            String[] parts = startLine.split(" ");
            return parts.length > 1 ? parts[1] : "/";
        }

        /** A response's status code (0 if the start line is not a status line). */
        public int status() {
            String[] parts = startLine.split(" ", 3);
            try {
                return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        public boolean http10() {
            return startLine.endsWith("HTTP/1.0") || startLine.startsWith("HTTP/1.0");
        }

        public boolean isChunked() {
            String encoding = header("transfer-encoding");
            return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
        }

        /** The {@code Content-Length}, 0 when absent. */
        public long contentLength() throws IOException {
            String value = header("content-length");
            if (value == null) {
                return 0;
            }
            try {
                long length = Long.parseLong(value.contains(",") ? value.substring(0, value.indexOf(',')).strip() : value);
                if (length < 0) {
                    throw new IOException("negative Content-Length");
                }
                return length;
            } catch (NumberFormatException e) {
                throw new IOException("invalid Content-Length");
            }
        }

        public boolean expectsContinue() {
            return "100-continue".equalsIgnoreCase(header("expect"));
        }

        /** Whether the connection stays open after this message (HTTP/1.1 by default, HTTP/1.0 only if asked). */
        public boolean keepAlive() {
            String connection = header("connection");
            String tokens = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
            return http10() ? tokens.contains("keep-alive") : !tokens.contains("close");
        }

        /** A response that has no body because of its status (RFC 9112 §6.3). */
        public boolean hasNoBody() {
            int status = status();
            return status / 100 == 1 || status == 204 || status == 304;
        }

        /** A response whose body ends when the connection closes (neither length nor chunked). */
        public boolean hasBodyUntilClose() {
            return !hasNoBody() && !isChunked() && header("content-length") == null;
        }
    }

    /** One line without its CRLF (or bare LF) terminator. */
    public static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(128);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) b);
            if (line.length() > MAX_HEAD_BYTES) {
                throw new IOException("line over " + MAX_HEAD_BYTES + " bytes");
            }
        }
        throw new EOFException();
    }

    /** Exactly {@code length} bytes. */
    public static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("connection closed in the middle of a body");
        }
        return bytes;
    }

    /** A chunked body, decoded; an {@link IOException} past {@code maxBytes}. */
    public static byte[] readChunked(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            long size = chunkSize(line(in));
            if (size == 0) {
                while (!line(in).isEmpty()) {
                    // trailers: ignored
                }
                return body.toByteArray();
            }
            if (body.size() + size > maxBytes) {
                throw new BodyTooLargeException();
            }
            body.write(readExactly(in, (int) size));
            if (!line(in).isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    /** Thrown by {@link #readChunked} past its limit. */
    public static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException() {
            super("body too large");
        }
    }

    /** Copies exactly {@code length} bytes. */
    public static void copy(InputStream from, OutputStream to, long length) throws IOException {
        byte[] buffer = new byte[(int) Math.min(64 * 1024, Math.max(1, length))];
        long left = length;
        while (left > 0) {
            int n = from.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("connection closed in the middle of a body");
            }
            to.write(buffer, 0, n);
            left -= n;
        }
    }

    /** Copies a chunked body as it is (sizes, extensions, chunks, trailers), up to and including its last line. */
    public static void copyChunked(InputStream from, OutputStream to) throws IOException {
        while (true) {
            String sizeLine = line(from);
            to.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            long size = chunkSize(sizeLine);
            if (size == 0) {
                String trailer;
                do {
                    trailer = line(from);
                    to.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                } while (!trailer.isEmpty());
                return;
            }
            copy(from, to, size + 2); // the chunk and its CRLF
        }
    }

    private static long chunkSize(String line) throws IOException {
        int semicolon = line.indexOf(';');
        try {
            long size = Long.parseLong((semicolon < 0 ? line : line.substring(0, semicolon)).strip(), 16);
            if (size < 0) {
                throw new IOException("invalid chunk size");
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IOException("invalid chunk size");
        }
    }
}
