package io.pyairtable.local.secrets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A secret: its identity (name, ARN), metadata and versions. Mutable; {@link SecretsManagerService} guards every
 * access with its lock. {@link #toString()} never shows secret values.
 */
final class Secret {
    static final String CURRENT = "AWSCURRENT";
    static final String PREVIOUS = "AWSPREVIOUS";

    private final String name;
    private final String arn;
    private final Instant createdDate;
    private String description;
    private Instant lastChangedDate;
    private Instant lastAccessedDate;
    private Instant deletionDate;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final Map<String, SecretVersion> versions = new LinkedHashMap<>();

    Secret(String name, String arn, String description, Instant createdDate) {
        this.name = name;
        this.arn = arn;
        this.description = description;
        this.createdDate = createdDate;
        this.lastChangedDate = createdDate;
    }

    String name() {
        return name;
    }

    String arn() {
        return arn;
    }

    String description() {
        return description;
    }

    void description(String newDescription) {
        this.description = newDescription;
    }

    Instant createdDate() {
        return createdDate;
    }

    Instant lastChangedDate() {
        return lastChangedDate;
    }

    void lastChangedDate(Instant when) {
        this.lastChangedDate = when;
    }

    Instant lastAccessedDate() {
        return lastAccessedDate;
    }

    void lastAccessedDate(Instant when) {
        this.lastAccessedDate = when;
    }

    /** When a scheduled deletion takes effect, or null if the secret is not scheduled for deletion. */
    Instant deletionDate() {
        return deletionDate;
    }

    void deletionDate(Instant when) {
        this.deletionDate = when;
    }

    boolean isScheduledForDeletion() {
        return deletionDate != null;
    }

    Map<String, String> tags() {
        return tags;
    }

    List<SecretVersion> versions() {
        return new ArrayList<>(versions.values());
    }

    Optional<SecretVersion> version(String versionId) {
        return Optional.ofNullable(versions.get(versionId));
    }

    Optional<SecretVersion> versionWithStage(String stage) {
        return versions.values().stream().filter(v -> v.stages().contains(stage)).findFirst();
    }

    /** Adds a version that arrived with stages already set (used when loading a data file). */
    void restoreVersion(SecretVersion version) {
        versions.put(version.versionId(), version);
    }

    /**
     * Adds {@code version} with the given staging labels, moving each label off the version that held it. When
     * AWSCURRENT moves, the version losing it becomes AWSPREVIOUS, as in AWS. Versions left without any label are
     * dropped (AWS keeps them as deprecated versions for a while; nothing can read them by stage either way).
     */
    void addVersion(SecretVersion version, List<String> stages) {
        for (String stage : stages) {
            Optional<SecretVersion> holder = versionWithStage(stage);
            holder.ifPresent(old -> old.stages().remove(stage));
            if (CURRENT.equals(stage) && holder.isPresent() && holder.get() != version) {
                versionWithStage(PREVIOUS).ifPresent(old -> old.stages().remove(PREVIOUS));
                holder.get().stages().add(PREVIOUS);
            }
            version.stages().add(stage);
        }
        versions.put(version.versionId(), version);
        versions.values().removeIf(v -> v.stages().isEmpty());
    }

    @Override
    public String toString() {
        return "Secret[" + arn + ", versions=" + versions.keySet() + "]";
    }
}
