package io.pyairtable.local.secrets;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One version of a secret: a string or a binary value plus its staging labels (AWSCURRENT, AWSPREVIOUS, custom).
 * {@link #toString()} never shows the value.
 */
final class SecretVersion {
    private final String versionId;
    private final String secretString;
    private final byte[] secretBinary;
    private final Instant createdDate;
    private final Set<String> stages = new LinkedHashSet<>();

    SecretVersion(String versionId, String secretString, byte[] secretBinary, Instant createdDate) {
        this.versionId = versionId;
        this.secretString = secretString;
        this.secretBinary = secretBinary == null ? null : secretBinary.clone();
        this.createdDate = createdDate;
    }

    String versionId() {
        return versionId;
    }

    /** The string value, or null for a binary secret. */
    String secretString() {
        return secretString;
    }

    /** The binary value, or null for a string secret. */
    byte[] secretBinary() {
        return secretBinary == null ? null : secretBinary.clone();
    }

    Instant createdDate() {
        return createdDate;
    }

    /** The live, mutable set of staging labels attached to this version. */
    Set<String> stages() {
        return stages;
    }

    boolean hasSameValue(String otherString, byte[] otherBinary) {
        return java.util.Objects.equals(secretString, otherString) && Arrays.equals(secretBinary, otherBinary);
    }

    @Override
    public String toString() {
        return "SecretVersion[" + versionId + ", stages=" + stages + ", value=***]";
    }
}
