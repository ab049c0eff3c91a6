package io.pyairtable.local.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reads the CloudWatch embedded metric format (EMF) documents functions print, the way CloudWatch Logs extracts
 * them from log lines: {@code System.out} is replaced, once per JVM, by a stream that passes every byte through to
 * the previous one unchanged and hands each complete line that is an EMF document ({@code {"_aws":{…}}}) to the
 * active {@link LocalMetrics}.
 *
 * <p>Several local clouds in one JVM (tests): a line printed while a function of one cloud runs on the printing
 * thread ({@link #attributedTo}, set by the Lambda host) goes to that cloud's metrics only; a line printed on any
 * other thread goes to every active cloud's.
 */
public final class EmfCapture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LINE_BYTES = 1024 * 1024;
    private static final Set<LocalMetrics> ACTIVE = ConcurrentHashMap.newKeySet();
    private static final ThreadLocal<LocalMetrics> OWNER = new ThreadLocal<>();
    private static boolean installed;

    private EmfCapture() {
    }

    /** Starts feeding {@code metrics} (and installs the tee on {@code System.out} when it is the first). */
    public static void register(LocalMetrics metrics) {
        install();
        ACTIVE.add(metrics);
    }

    public static void unregister(LocalMetrics metrics) {
        ACTIVE.remove(metrics);
    }

    /** Runs {@code work} with the lines this thread prints meanwhile attributed to {@code owner} (null: none). */
    public static <T> T attributedTo(LocalMetrics owner, Supplier<T> work) {
        if (owner == null) {
            return work.get();
        }
        LocalMetrics previous = OWNER.get();
        OWNER.set(owner);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                OWNER.remove();
            } else {
                OWNER.set(previous);
            }
        }
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        PrintStream original = System.out;
        Charset charset = outputCharset();
        System.setOut(new PrintStream(new LineTee(original, charset), true, charset));
        installed = true;
    }

    /** The stream {@code System.out} is replaced by: writes through to {@code target}, reads lines (tests). */
    static OutputStream lineTee(PrintStream target, Charset charset) {
        return new LineTee(target, charset);
    }

    private static Charset outputCharset() {
        String name = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (RuntimeException unknown) {
            return Charset.defaultCharset();
        }
    }

    /** One complete line printed (without its line break). */
    static void line(String line) {
        if (ACTIVE.isEmpty() || !line.startsWith("{\"_aws\"")) {
            return;
        }
        JsonNode document;
        try {
            document = JSON.readTree(line);
        } catch (IOException notJson) {
            return;
        }
        LocalMetrics owner = OWNER.get();
        if (owner != null && ACTIVE.contains(owner)) {
            owner.accept(document);
        } else {
            ACTIVE.forEach(metrics -> metrics.accept(document));
        }
    }

    /** Writes through unchanged; collects each thread's bytes up to a line break. */
    private static final class LineTee extends OutputStream {
        private final PrintStream target;
        private final Charset charset;
        private final ThreadLocal<ByteArrayOutputStream> pending = ThreadLocal.withInitial(ByteArrayOutputStream::new);

        LineTee(PrintStream target, Charset charset) {
            this.target = target;
            this.charset = charset;
        }

        @Override
        public void write(int b) {
            target.write(b);
            collect(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            target.write(bytes, offset, length);
            collect(bytes, offset, length);
        }

        @Override
        public void flush() {
            target.flush();
        }

        private void collect(byte[] bytes, int offset, int length) {
            ByteArrayOutputStream buffer = pending.get();
            int start = offset;
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    buffer.write(bytes, start, i - start);
                    completeLine(buffer);
                    start = i + 1;
                }
            }
            if (start < offset + length && buffer.size() <= MAX_LINE_BYTES) {
                buffer.write(bytes, start, offset + length - start);
            }
        }

        private void completeLine(ByteArrayOutputStream buffer) {
            String text = buffer.size() > MAX_LINE_BYTES ? "" : buffer.toString(charset);
            buffer.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            try {
                line(text);
            } catch (RuntimeException ignored) {
                // reading metrics must never break a function's output
            }
        }
    }
}
