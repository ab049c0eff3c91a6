package io.pyairtable.local.stepfunctions;

import io.pyairtable.local.aws.AwsServiceException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Pagination of list operations: {@code maxResults} (0 or absent = {@value #DEFAULT_PAGE_SIZE}, at most
 * {@value #MAX_PAGE_SIZE}) and an opaque {@code nextToken} encoding the offset.
 */
final class Pages {
    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;
    private static final String PREFIX = "offset:";

    private Pages() {
    }

    /** One page of {@code items}; {@code nextToken} of the result is null on the last page. */
    record Page<T>(List<T> items, String nextToken) {
    }

    static <T> Page<T> page(List<T> items, int maxResults, String nextToken) {
        if (maxResults < 0 || maxResults > MAX_PAGE_SIZE) {
            throw AwsServiceException.validation("maxResults must be between 0 and " + MAX_PAGE_SIZE);
        }
        int size = maxResults == 0 ? DEFAULT_PAGE_SIZE : maxResults;
        int offset = nextToken == null ? 0 : decode(nextToken);
        int end = Math.min(items.size(), offset + size);
        List<T> page = offset >= items.size() ? List.of() : items.subList(offset, end);
        return new Page<>(page, end < items.size() ? encode(end) : null);
    }

    private static String encode(int offset) {
        return Base64.getEncoder().encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String token) {
        try {
            String text = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                int offset = Integer.parseInt(text.substring(PREFIX.length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to InvalidToken
        }
        throw AwsServiceException.badRequest("InvalidToken", "Invalid Token: '" + token + "'");
    }
}
