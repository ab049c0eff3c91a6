package io.pyairtable.functions.imports.parse;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.FilterReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The zip container of an XLSX workbook, read defensively.
 *
 * <p>The upload is a stream, but the parts an XLSX reader needs (shared strings, styles) may come after the sheet
 * in the zip, and {@code ZipInputStream} can only read entries in order and trusts local headers. So the stream is
 * first spooled to a temporary file (at most {@code maxUncompressedBytes}; deleted on close) and read with
 * {@link ZipFile}, which uses the central directory and reads any part in any order.
 *
 * <p>Zip-bomb guards, all reported as {@code XLSX_TOO_LARGE} while reading (the declared sizes in the zip are not
 * trusted; bytes actually inflated are counted): at most {@value #MAX_ENTRIES} entries; all parts together inflate
 * to at most {@code maxUncompressedBytes}; once a part has inflated more than {@value #RATIO_GRACE_BYTES} bytes it may
 * not exceed {@value #MAX_RATIO} times its compressed size.
 *
 * <p>XML is parsed by the JDK's StAX implementation with DTDs and external entities disabled (no XXE, no entity
 * expansion).
 */
final class XlsxPackage implements Closeable {
    static final int MAX_ENTRIES = 10_000;
    static final int MAX_RATIO = 100;
    static final long RATIO_GRACE_BYTES = 1024 * 1024;

    /** One per package: StAX factories are not documented as thread-safe. */
    private final XMLInputFactory xml = xmlFactory();

    private final Path file;
    private final ZipFile zip;
    private final long maxBytes;
    /** Part name in lower case (OPC part names are case-insensitive) → entry. */
    private final Map<String, ZipEntry> entries = new HashMap<>();
    private long inflated;
    private final List<GuardedStream> open = new ArrayList<>();

    private XlsxPackage(Path file, ZipFile zip, long maxBytes) {
        this.file = file;
        this.zip = zip;
        this.maxBytes = maxBytes;
    }

    static XlsxPackage spool(InputStream in, long maxBytes) throws IOException {
        Path file = Files.createTempFile("pyairtable-import-", ".xlsx");
        ZipFile zip = null;
        try {
            byte[] head = in.readNBytes(4);
            if (head.length < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
                boolean ole = head.length == 4 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF;
                throw new FileFormatException(FileFormatException.NOT_XLSX, 0, ole
                        ? "this is an old Excel .xls file: save it as .xlsx (Excel Workbook) or CSV"
                        : "the file is not an XLSX workbook (not a zip archive)");
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(head);
                long total = head.length;
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    total += n;
                    if (total > maxBytes) {
                        throw new FileFormatException(FileFormatException.XLSX_TOO_LARGE, 0,
                                "the workbook is larger than " + maxBytes + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
            }
            try {
                zip = new ZipFile(file.toFile());
            } catch (IOException e) {
                // the spooled file is local: a failure to read its zip structure means a corrupt or non-zip upload
                throw new FileFormatException(FileFormatException.NOT_XLSX, 0,
                        "the file is not an XLSX workbook (not a readable zip archive)", e);
            }
            XlsxPackage pkg = new XlsxPackage(file, zip, maxBytes);
            pkg.index();
            return pkg;
        } catch (IOException | RuntimeException e) {
            if (zip != null) {
                try {
                    zip.close();
                } catch (IOException ignored) {
                    // reporting the first problem
                }
            }
            Files.deleteIfExists(file);
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                // ZipFile rejects malformed entry names this way
                throw new FileFormatException(FileFormatException.NOT_XLSX, 0,
                        "the file is not an XLSX workbook (malformed zip archive)", e);
            }
            throw e;
        } finally {
            in.close();
        }
    }

    private void index() throws FileFormatException {
        if (zip.size() > MAX_ENTRIES) {
            throw new FileFormatException(FileFormatException.XLSX_TOO_LARGE, 0,
                    "the workbook has more than " + MAX_ENTRIES + " parts");
        }
        Enumeration<? extends ZipEntry> all = zip.entries();
        int count = 0;
        while (all.hasMoreElements()) {
            if (++count > MAX_ENTRIES) {
                throw new FileFormatException(FileFormatException.XLSX_TOO_LARGE, 0,
                        "the workbook has more than " + MAX_ENTRIES + " parts");
            }
            ZipEntry entry = all.nextElement();
            entries.putIfAbsent(normalize(entry.getName()), entry);
        }
    }

    /** A part name without a leading slash, in lower case. */
    private static String normalize(String name) {
        String stripped = name.startsWith("/") ? name.substring(1) : name;
        return stripped.toLowerCase(Locale.ROOT);
    }

    boolean has(String partName) {
        return entries.containsKey(normalize(partName));
    }

    /** A StAX reader over a part; the caller closes it with {@link #close(XMLStreamReader)}. */
    XMLStreamReader xml(String partName) throws IOException {
        ZipEntry entry = entries.get(normalize(partName));
        if (entry == null) {
            throw new FileFormatException(FileFormatException.NOT_XLSX, 0,
                    "the file is not an XLSX workbook: its part " + partName + " is missing");
        }
        GuardedStream stream;
        try {
            stream = new GuardedStream(zip.getInputStream(entry), entry);
        } catch (IOException | RuntimeException e) {
            throw new FileFormatException(FileFormatException.NOT_XLSX, 0,
                    "the file is not an XLSX workbook: its part " + partName + " cannot be read", e);
        }
        open.add(stream);
        try {
            return xml.createXMLStreamReader(decoded(stream, partName));
        } catch (XMLStreamException e) {
            throw failure(e, partName);
        }
    }

    /**
     * The part's characters, decoded here rather than by the XML parser: UTF-16 when it starts with a UTF-16 byte
     * order mark, else UTF-8 (the two encodings OOXML allows), strictly. (The JDK parser, given bytes, prints
     * "[Fatal Error]" lines to standard error for invalid UTF-8 before throwing — user input must not reach the logs.)
     */
    private static Reader decoded(InputStream in, String partName) throws IOException {
        PushbackInputStream bytes = new PushbackInputStream(in, 3);
        byte[] head = new byte[3];
        int n = bytes.readNBytes(head, 0, 3);
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (n == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            skip = 3;
        }
        if (n > skip) {
            bytes.unread(head, skip, n - skip);
        }
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String encoding = charset.name();
        return new FilterReader(new InputStreamReader(bytes, decoder)) {
            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                try {
                    return super.read(buffer, offset, length);
                } catch (CharacterCodingException e) {
                    throw new FileFormatException(FileFormatException.NOT_XLSX, 0,
                            "the file is not a valid XLSX workbook: " + partName + " is not valid " + encoding, e);
                }
            }

            @Override
            public int read() throws IOException {
                char[] one = new char[1];
                int r = read(one, 0, 1);
                return r < 0 ? -1 : one[0];
            }
        };
    }

    /**
     * The exception to throw for a StAX failure: a guard's own exception (StAX wraps I/O errors), else
     * {@code NOT_XLSX} naming the part.
     */
    FileFormatException failure(Exception e, String partName) {
        for (GuardedStream stream : open) {
            if (stream.tripped != null) {
                return stream.tripped;
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof FileFormatException format) {
                return format;
            }
            if (cause instanceof XMLStreamException xml && xml.getNestedException() instanceof FileFormatException f) {
                return f;
            }
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = detail.indexOf('\n');
        detail = newline >= 0 ? detail.substring(newline + 1) : detail;
        return new FileFormatException(FileFormatException.NOT_XLSX, 0,
                "the file is not a valid XLSX workbook: " + partName + " is not well-formed XML ("
                        + Texts.excerpt(detail) + ")", e);
    }

    static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing to report
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            for (GuardedStream stream : open) {
                try {
                    stream.close();
                } catch (IOException ignored) {
                    // closing the zip below closes it anyway
                }
            }
            zip.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Counts the bytes actually inflated from one entry against the limits. */
    private final class GuardedStream extends FilterInputStream {
        private final ZipEntry entry;
        private long read;
        FileFormatException tripped;

        GuardedStream(InputStream in, ZipEntry entry) {
            super(in);
            this.entry = entry;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (tripped != null) {
                throw tripped;
            }
            int n;
            try {
                n = super.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                // a local file: read errors mean corrupt compressed data (ZipException, EOFException…)
                throw new FileFormatException(FileFormatException.NOT_XLSX, 0,
                        "the file is not an XLSX workbook: " + entry.getName() + " is corrupt", e);
            }
            if (n > 0) {
                read += n;
                inflated += n;
                if (inflated > maxBytes) {
                    tripped = new FileFormatException(FileFormatException.XLSX_TOO_LARGE, 0,
                            "the workbook inflates to more than " + maxBytes + " bytes");
                } else if (read > RATIO_GRACE_BYTES && read > MAX_RATIO * Math.max(entry.getCompressedSize(), 1)) {
                    tripped = new FileFormatException(FileFormatException.XLSX_TOO_LARGE, 0,
                            "the workbook part " + entry.getName() + " is compressed more than " + MAX_RATIO
                                    + ":1, as zip bombs are; it is not read");
                }
                if (tripped != null) {
                    throw tripped;
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            int r = read(buffer, 0, buffer.length);
            return Math.max(r, 0);
        }
    }

    private static XMLInputFactory xmlFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external entities are not allowed: " + systemId);
        });
        return factory;
    }
}
