package io.pyairtable.functions.imports.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strictly decoded characters from a byte stream, in a bounded buffer the CSV tokenizer reads directly. UTF-8 unless
 * the stream starts with a UTF-16 byte order mark; a UTF-8 BOM is skipped. Invalid input is reported only once the
 * characters before it have been consumed, so the error names the line that holds the bad bytes.
 */
final class TextInput {
    static final int BUFFER_CHARS = 64 * 1024;

    private final InputStream in;
    private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
    private final CharsetDecoder decoder;
    private boolean inputEnded;
    private boolean flushed;
    private String pendingError;

    /** The characters: {@code buf[pos..limit)} are not yet consumed. */
    char[] buf = new char[BUFFER_CHARS];
    int pos;
    int limit;

    TextInput(InputStream in) throws IOException {
        this.in = in;
        bytes.limit(0);
        readBytes(4);
        int b0 = peekByte(0);
        int b1 = peekByte(1);
        int b2 = peekByte(2);
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            bytes.position(3);
            decoder = StandardCharsets.UTF_8.newDecoder();
        } else if (b0 == 0xFF && b1 == 0xFE) {
            bytes.position(2);
            decoder = StandardCharsets.UTF_16LE.newDecoder();
        } else if (b0 == 0xFE && b1 == 0xFF) {
            bytes.position(2);
            decoder = StandardCharsets.UTF_16BE.newDecoder();
        } else {
            decoder = StandardCharsets.UTF_8.newDecoder();
        }
        decoder.onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The name of the detected encoding. */
    String encoding() {
        return decoder.charset().name();
    }

    private int peekByte(int index) {
        return bytes.position() + index < bytes.limit() ? bytes.get(bytes.position() + index) & 0xFF : -1;
    }

    /** Reads bytes until at least {@code wanted} are buffered or the stream ends. */
    private void readBytes(int wanted) throws IOException {
        bytes.compact();
        try {
            while (bytes.position() < wanted && bytes.hasRemaining()) {
                int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                if (n < 0) {
                    inputEnded = true;
                    break;
                }
                bytes.position(bytes.position() + n);
            }
        } finally {
            bytes.flip();
        }
    }

    /**
     * Replaces the consumed characters with new ones ({@code pos = 0}). Returns false at the end of the input.
     *
     * @param line the line being read, for an encoding error
     */
    boolean refill(long line) throws IOException {
        if (pendingError != null) {
            throw new FileFormatException(FileFormatException.ENCODING, line, pendingError + " (line " + line + ")");
        }
        int kept = limit - pos;
        if (kept > 0 && pos > 0) {
            System.arraycopy(buf, pos, buf, 0, kept);
        }
        pos = 0;
        limit = kept;
        if (kept == buf.length) {
            throw new IllegalStateException("refill without consuming");
        }
        while (true) {
            if (flushed) {
                return limit > kept;
            }
            CharBuffer out = CharBuffer.wrap(buf, limit, buf.length - limit);
            CoderResult result = decoder.decode(bytes, out, inputEnded);
            limit = out.position();
            if (result.isError()) {
                pendingError = "the file is not valid " + encoding() + " text: save it as UTF-8 (Excel: \"CSV UTF-8\")";
                if (limit > kept) {
                    return true;
                }
                throw new FileFormatException(FileFormatException.ENCODING, line, pendingError + " (line " + line + ")");
            }
            if (result.isOverflow() || limit > kept) {
                return true;
            }
            // underflow with nothing decoded: more bytes needed
            if (inputEnded) {
                CharBuffer rest = CharBuffer.wrap(buf, limit, buf.length - limit);
                decoder.flush(rest);
                limit = rest.position();
                flushed = true;
                continue;
            }
            readBytes(bytes.capacity());
        }
    }

    /** Makes room for at least {@code chars} more characters (used while looking ahead at the header line). */
    void ensureCapacity(int chars) {
        if (buf.length - limit < chars) {
            char[] bigger = new char[Math.max(buf.length * 2, limit + chars)];
            System.arraycopy(buf, 0, bigger, 0, limit);
            buf = bigger;
        }
    }

    /**
     * Appends decoded characters after {@code limit} without discarding the consumed ones (look-ahead). Returns false
     * at the end of the input; an encoding error is deferred until it is reached by {@link #refill}.
     */
    boolean appendMore() throws IOException {
        if (pendingError != null || flushed) {
            return false;
        }
        ensureCapacity(BUFFER_CHARS);
        int before = limit;
        while (true) {
            CharBuffer out = CharBuffer.wrap(buf, limit, buf.length - limit);
            CoderResult result = decoder.decode(bytes, out, inputEnded);
            limit = out.position();
            if (result.isError()) {
                pendingError = "the file is not valid " + encoding() + " text: save it as UTF-8 (Excel: \"CSV UTF-8\")";
                return limit > before;
            }
            if (result.isOverflow() || limit > before) {
                return true;
            }
            if (inputEnded) {
                CharBuffer rest = CharBuffer.wrap(buf, limit, buf.length - limit);
                decoder.flush(rest);
                limit = rest.position();
                flushed = true;
                return limit > before;
            }
            readBytes(bytes.capacity());
        }
    }

    void close() throws IOException {
        in.close();
    }
}
