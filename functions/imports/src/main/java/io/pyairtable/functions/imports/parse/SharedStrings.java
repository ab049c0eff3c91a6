package io.pyairtable.functions.imports.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The workbook's shared string table, which must be held in memory while the sheet is read. Stored compactly as one
 * UTF-8 byte array and an offset table (one object in all instead of one per string), and bounded: at most
 * {@code maxBytes} bytes of text and {@value #MAX_COUNT} strings, else {@code XLSX_TOO_LARGE}.
 */
final class SharedStrings {
    static final int MAX_COUNT = 10_000_000;

    private final long maxBytes;
    private byte[] data = new byte[1024];
    private int[] ends = new int[64];
    private int size;
    private int used;

    SharedStrings(long maxBytes) {
        this.maxBytes = Math.min(maxBytes, Integer.MAX_VALUE - 16);
    }

    void add(String text) throws FileFormatException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (size == MAX_COUNT) {
            throw new FileFormatException(FileFormatException.XLSX_TOO_LARGE, 0,
                    "the workbook has more than " + MAX_COUNT + " shared strings");
        }
        if ((long) used + bytes.length > maxBytes) {
            throw new FileFormatException(FileFormatException.XLSX_TOO_LARGE, 0,
                    "the workbook's shared strings are larger than " + maxBytes + " bytes");
        }
        if (used + bytes.length > data.length) {
            long grown = Math.max((long) used + bytes.length, (long) data.length * 2);
            data = Arrays.copyOf(data, (int) Math.min(grown, maxBytes));
        }
        System.arraycopy(bytes, 0, data, used, bytes.length);
        used += bytes.length;
        if (size == ends.length) {
            ends = Arrays.copyOf(ends, size * 2);
        }
        ends[size++] = used;
    }

    int size() {
        return size;
    }

    /** The string at this index, or null if there is none. */
    String get(int index) {
        if (index < 0 || index >= size) {
            return null;
        }
        int start = index == 0 ? 0 : ends[index - 1];
        return new String(data, start, ends[index] - start, StandardCharsets.UTF_8);
    }
}
