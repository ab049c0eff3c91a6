package io.pyairtable.local.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pyairtable.local.aws.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * The JSON data file of a persistent {@link SecretsManagerService}. Every save writes a temporary file next to the
 * target (owner read/write only where the file system supports POSIX permissions: it holds secret values) and moves
 * it over the target atomically, so a crash leaves either the old or the new file, never half of one.
 */
final class SecretsFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;

    SecretsFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    Path path() {
        return path;
    }

    /** Reads every secret from the file; an absent file means no secrets yet. */
    List<Secret> load() {
        List<Secret> secrets = new ArrayList<>();
        if (!Files.exists(path)) {
            return secrets;
        }
        try {
            JsonNode root = JSON.readTree(path.toFile());
            for (JsonNode s : root.path("secrets")) {
                Secret secret = new Secret(s.get("name").asText(), s.get("arn").asText(), text(s, "description"),
                        instant(s, "createdDate"));
                secret.lastChangedDate(instant(s, "lastChangedDate"));
                secret.lastAccessedDate(instant(s, "lastAccessedDate"));
                secret.deletionDate(instant(s, "deletionDate"));
                s.path("tags").fields().forEachRemaining(tag -> secret.tags().put(tag.getKey(), tag.getValue().asText()));
                for (JsonNode v : s.path("versions")) {
                    byte[] binary = v.hasNonNull("secretBinary") ? Base64.getDecoder().decode(v.get("secretBinary").asText()) : null;
                    SecretVersion version = new SecretVersion(v.get("versionId").asText(), text(v, "secretString"), binary,
                            instant(v, "createdDate"));
                    v.path("stages").forEach(stage -> version.stages().add(stage.asText()));
                    secret.restoreVersion(version);
                }
                secrets.add(secret);
            }
            return secrets;
        } catch (IOException | RuntimeException e) {
            // The message names the file only: the content holds secret values.
            throw new IllegalStateException("cannot read the Secrets Manager data file " + path + ": "
                    + e.getClass().getSimpleName(), e instanceof IOException ? e : null);
        }
    }

    /** Writes {@code secrets} atomically, replacing the file. */
    void save(Collection<Secret> secrets) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("secrets");
        for (Secret secret : secrets) {
            ObjectNode s = list.addObject().put("name", secret.name()).put("arn", secret.arn())
                    .put("description", secret.description());
            putInstant(s, "createdDate", secret.createdDate());
            putInstant(s, "lastChangedDate", secret.lastChangedDate());
            putInstant(s, "lastAccessedDate", secret.lastAccessedDate());
            putInstant(s, "deletionDate", secret.deletionDate());
            ObjectNode tags = s.putObject("tags");
            secret.tags().forEach(tags::put);
            ArrayNode versions = s.putArray("versions");
            for (SecretVersion version : secret.versions()) {
                ObjectNode v = versions.addObject().put("versionId", version.versionId());
                if (version.secretString() != null) {
                    v.put("secretString", version.secretString());
                } else if (version.secretBinary() != null) {
                    v.put("secretBinary", Base64.getEncoder().encodeToString(version.secretBinary()));
                }
                putInstant(v, "createdDate", version.createdDate());
                ArrayNode stages = v.putArray("stages");
                version.stages().forEach(stages::add);
            }
        }
        try {
            AtomicFiles.write(path, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Secrets Manager data file " + path, e);
        }
    }


    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Instant instant(JsonNode node, String field) {
        return node.hasNonNull(field) ? Instant.parse(node.get(field).asText()) : null;
    }

    private static void putInstant(ObjectNode node, String field, Instant value) {
        if (value != null) {
            node.put(field, value.toString());
        }
    }
}
