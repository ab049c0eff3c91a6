package io.pyairtable.local.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pyairtable.local.aws.AwsJsonService;
import io.pyairtable.local.aws.AwsServiceException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A wire-compatible local AWS Secrets Manager (awsJson1_1, target prefix {@code secretsmanager}).
 *
 * <p>Operations: CreateSecret, GetSecretValue, PutSecretValue, UpdateSecret, DescribeSecret, ListSecrets, DeleteSecret,
 * RestoreSecret, GetRandomPassword. Versions carry staging labels like AWS (a new version takes AWSCURRENT, the one
 * that held it becomes AWSPREVIOUS). Errors use AWS's types and messages so SDK clients raise their usual exceptions.
 *
 * <p>State is in memory, or — when built with a data file — also in a JSON file written atomically after every change
 * (see {@link SecretsFile}). Secret values are never logged and never appear in exception messages.
 */
public final class SecretsManagerService implements AwsJsonService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_SECRET_BYTES = 65_536;
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private final Map<String, Secret> byName = new LinkedHashMap<>();
    private final SecretsFile file;
    private final Clock clock;

    /** An in-memory service. */
    public SecretsManagerService() {
        this(null, Clock.systemUTC());
    }

    /**
     * A service persisted to {@code dataFile} (loaded now if it exists, rewritten after every change), or in memory
     * when {@code dataFile} is null.
     */
    public SecretsManagerService(Path dataFile) {
        this(dataFile, Clock.systemUTC());
    }

    /** As {@link #SecretsManagerService(Path)}, with the clock that dates versions and deletions. */
    public SecretsManagerService(Path dataFile, Clock clock) {
        this.clock = clock;
        this.file = dataFile == null ? null : new SecretsFile(dataFile);
        if (file != null) {
            file.load().forEach(secret -> byName.put(secret.name(), secret));
        }
    }

    @Override
    public String signingName() {
        return "secretsmanager";
    }

    @Override
    public String targetPrefix() {
        return "secretsmanager";
    }

    @Override
    public String contentType() {
        return "application/x-amz-json-1.1";
    }

    @Override
    public synchronized JsonNode handle(String operation, JsonNode input) {
        purgeExpiredDeletions();
        return switch (operation) {
            case "CreateSecret" -> changing(createSecret(input));
            case "GetSecretValue" -> getSecretValue(input);
            case "PutSecretValue" -> changing(putSecretValue(input));
            case "UpdateSecret" -> changing(updateSecret(input));
            case "DescribeSecret" -> describeSecret(input);
            case "ListSecrets" -> listSecrets(input);
            case "DeleteSecret" -> changing(deleteSecret(input));
            case "RestoreSecret" -> changing(restoreSecret(input));
            case "GetRandomPassword" -> getRandomPassword(input);
            default -> throw AwsServiceException.badRequest("UnknownOperationException",
                    "Secrets Manager operation " + operation + " is not supported by the local cloud");
        };
    }

    private JsonNode createSecret(JsonNode input) {
        String name = SecretNames.requireValidName(text(input, "Name"));
        Secret existing = byName.get(name);
        if (existing != null) {
            if (existing.isScheduledForDeletion()) {
                throw invalidRequest("You can't create this secret because a secret with this name is already scheduled for deletion.");
            }
            throw AwsServiceException.badRequest("ResourceExistsException",
                    "The operation failed because the secret " + name + " already exists.");
        }
        SecretValue value = SecretValue.from(input);
        Instant now = now();
        Secret secret = new Secret(name, SecretNames.newArn(name), text(input, "Description"), now);
        for (JsonNode tag : input.path("Tags")) {
            secret.tags().put(tag.path("Key").asText(), tag.path("Value").asText());
        }
        ObjectNode out = identity(secret);
        if (value != null) {
            SecretVersion version = new SecretVersion(versionId(input), value.string(), value.binary(), now);
            secret.addVersion(version, List.of(Secret.CURRENT));
            out.put("VersionId", version.versionId());
        }
        byName.put(name, secret);
        return out;
    }

    private JsonNode getSecretValue(JsonNode input) {
        Secret secret = findLive(input);
        String versionId = text(input, "VersionId");
        String stage = text(input, "VersionStage");
        SecretVersion version;
        if (versionId != null) {
            version = secret.version(versionId).orElseThrow(() -> notFound(
                    "Secrets Manager can't find the specified secret value for VersionId: " + versionId));
            if (stage != null && !version.stages().contains(stage)) {
                throw invalidRequest("You provided a VersionStage that is not associated to the provided VersionId.");
            }
        } else {
            String wanted = stage == null ? Secret.CURRENT : stage;
            version = secret.versionWithStage(wanted).orElseThrow(() -> notFound(
                    "Secrets Manager can't find the specified secret value for staging label: " + wanted));
        }
        secret.lastAccessedDate(now().truncatedTo(ChronoUnit.DAYS));
        ObjectNode out = identity(secret).put("VersionId", version.versionId());
        if (version.secretString() != null) {
            out.put("SecretString", version.secretString());
        } else {
            out.put("SecretBinary", Base64.getEncoder().encodeToString(version.secretBinary()));
        }
        ArrayNode stages = out.putArray("VersionStages");
        version.stages().forEach(stages::add);
        out.put("CreatedDate", epochSeconds(version.createdDate()));
        return out;
    }

    private JsonNode putSecretValue(JsonNode input) {
        Secret secret = findLive(input);
        SecretValue value = SecretValue.from(input);
        if (value == null) {
            throw invalidParameter("You must provide either SecretString or SecretBinary.");
        }
        List<String> stages = new ArrayList<>();
        input.path("VersionStages").forEach(stage -> stages.add(stage.asText()));
        if (stages.isEmpty()) {
            stages.add(Secret.CURRENT);
        }
        SecretVersion version = addVersion(secret, versionId(input), value, stages);
        ObjectNode out = identity(secret).put("VersionId", version.versionId());
        ArrayNode outStages = out.putArray("VersionStages");
        version.stages().forEach(outStages::add);
        return out;
    }

    private JsonNode updateSecret(JsonNode input) {
        Secret secret = findLive(input);
        if (input.has("Description")) {
            secret.description(text(input, "Description"));
            secret.lastChangedDate(now());
        }
        ObjectNode out = identity(secret);
        SecretValue value = SecretValue.from(input);
        if (value != null) {
            SecretVersion version = addVersion(secret, versionId(input), value, List.of(Secret.CURRENT));
            out.put("VersionId", version.versionId());
        }
        return out;
    }

    /** Adds a version, or returns the existing one when the request is a retry (same token, same value). */
    private SecretVersion addVersion(Secret secret, String versionId, SecretValue value, List<String> stages) {
        SecretVersion existing = secret.version(versionId).orElse(null);
        if (existing != null) {
            if (existing.hasSameValue(value.string(), value.binary())) {
                return existing;
            }
            throw AwsServiceException.badRequest("ResourceExistsException",
                    "You can't modify an existing version, you can only create a new version.");
        }
        Instant now = now();
        SecretVersion version = new SecretVersion(versionId, value.string(), value.binary(), now);
        secret.addVersion(version, stages);
        secret.lastChangedDate(now);
        return version;
    }

    private JsonNode describeSecret(JsonNode input) {
        return describe(find(input));
    }

    private ObjectNode describe(Secret secret) {
        ObjectNode out = identity(secret);
        if (secret.description() != null) {
            out.put("Description", secret.description());
        }
        out.put("RotationEnabled", false);
        out.put("CreatedDate", epochSeconds(secret.createdDate()));
        out.put("LastChangedDate", epochSeconds(secret.lastChangedDate()));
        if (secret.lastAccessedDate() != null) {
            out.put("LastAccessedDate", epochSeconds(secret.lastAccessedDate()));
        }
        if (secret.deletionDate() != null) {
            out.put("DeletedDate", epochSeconds(secret.deletionDate()));
        }
        if (!secret.tags().isEmpty()) {
            ArrayNode tags = out.putArray("Tags");
            secret.tags().forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
        }
        ObjectNode stages = out.putObject("VersionIdsToStages");
        for (SecretVersion version : secret.versions()) {
            ArrayNode labels = stages.putArray(version.versionId());
            version.stages().forEach(labels::add);
        }
        return out;
    }

    private JsonNode listSecrets(JsonNode input) {
        int maxResults = input.path("MaxResults").asInt(100);
        if (maxResults < 1 || maxResults > 100) {
            throw invalidParameter("MaxResults must be between 1 and 100.");
        }
        boolean includeDeleted = input.path("IncludePlannedDeletion").asBoolean(false);
        List<Secret> matching = new ArrayList<>();
        for (Secret secret : byName.values()) {
            if ((includeDeleted || !secret.isScheduledForDeletion()) && matchesFilters(secret, input.path("Filters"))) {
                matching.add(secret);
            }
        }
        int start = 0;
        if (input.hasNonNull("NextToken")) {
            try {
                start = Integer.parseInt(new String(Base64.getDecoder().decode(input.get("NextToken").asText())));
            } catch (IllegalArgumentException e) {
                throw invalidParameter("The NextToken value is invalid.");
            }
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("SecretList");
        int end = Math.min(matching.size(), start + maxResults);
        for (int i = Math.max(0, start); i < end; i++) {
            ObjectNode entry = describe(matching.get(i));
            entry.set("SecretVersionsToStages", entry.remove("VersionIdsToStages"));
            list.add(entry);
        }
        if (end < matching.size()) {
            out.put("NextToken", Base64.getEncoder().encodeToString(Integer.toString(end).getBytes()));
        }
        return out;
    }

    private static boolean matchesFilters(Secret secret, JsonNode filters) {
        for (JsonNode filter : filters) {
            String key = filter.path("Key").asText();
            boolean any = false;
            for (JsonNode value : filter.path("Values")) {
                String wanted = value.asText();
                any |= switch (key) {
                    case "name" -> secret.name().startsWith(wanted);
                    case "description" -> secret.description() != null && secret.description().startsWith(wanted);
                    case "tag-key" -> secret.tags().keySet().stream().anyMatch(k -> k.startsWith(wanted));
                    case "tag-value" -> secret.tags().values().stream().anyMatch(v -> v.startsWith(wanted));
                    case "all" -> secret.name().contains(wanted)
                            || (secret.description() != null && secret.description().contains(wanted));
                    default -> throw invalidParameter("Invalid filter key: " + key);
                };
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private JsonNode deleteSecret(JsonNode input) {
        Secret secret = find(input);
        boolean force = input.path("ForceDeleteWithoutRecovery").asBoolean(false);
        if (force && input.hasNonNull("RecoveryWindowInDays")) {
            throw invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
        }
        Instant now = now();
        ObjectNode out = identity(secret);
        if (force) {
            byName.remove(secret.name());
            out.put("DeletionDate", epochSeconds(now));
            return out;
        }
        if (secret.isScheduledForDeletion()) {
            throw invalidRequest("You can't perform this operation on the secret because it was already scheduled for deletion.");
        }
        long days = input.path("RecoveryWindowInDays").asLong(30);
        if (days < 7 || days > 30) {
            throw invalidParameter("The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
        }
        secret.deletionDate(now.plus(Duration.ofDays(days)));
        out.put("DeletionDate", epochSeconds(secret.deletionDate()));
        return out;
    }

    private JsonNode restoreSecret(JsonNode input) {
        Secret secret = find(input);
        secret.deletionDate(null);
        secret.lastChangedDate(now());
        return identity(secret);
    }

    private JsonNode getRandomPassword(JsonNode input) {
        int length = input.path("PasswordLength").asInt(32);
        if (length < 1 || length > 4096) {
            throw invalidParameter("PasswordLength must be between 1 and 4096.");
        }
        String exclude = input.path("ExcludeCharacters").asText("");
        List<String> classes = new ArrayList<>();
        if (!input.path("ExcludeLowercase").asBoolean(false)) {
            classes.add("abcdefghijklmnopqrstuvwxyz");
        }
        if (!input.path("ExcludeUppercase").asBoolean(false)) {
            classes.add("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        }
        if (!input.path("ExcludeNumbers").asBoolean(false)) {
            classes.add("0123456789");
        }
        if (!input.path("ExcludePunctuation").asBoolean(false)) {
            classes.add(PUNCTUATION);
        }
        if (input.path("IncludeSpace").asBoolean(false)) {
            classes.add(" ");
        }
        classes.replaceAll(chars -> chars.chars().filter(c -> exclude.indexOf(c) < 0)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
        classes.removeIf(String::isEmpty);
        if (classes.isEmpty()) {
            throw invalidParameter("The password can't be generated: every character type is excluded.");
        }
        boolean requireEach = input.path("RequireEachIncludedType").asBoolean(true);
        if (requireEach && length < classes.size()) {
            throw invalidParameter("The PasswordLength is too short to include every required character type.");
        }
        String all = String.join("", classes);
        char[] password = new char[length];
        for (int i = 0; i < length; i++) {
            password[i] = all.charAt(RANDOM.nextInt(all.length()));
        }
        if (requireEach) {
            // one character of each class at distinct random positions
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                positions.add(i);
            }
            java.util.Collections.shuffle(positions, RANDOM);
            for (int c = 0; c < classes.size(); c++) {
                String chars = classes.get(c);
                password[positions.get(c)] = chars.charAt(RANDOM.nextInt(chars.length()));
            }
        }
        return JSON.createObjectNode().put("RandomPassword", new String(password));
    }

    // ---- lookup ------------------------------------------------------------------------------------------------

    /** The secret named by SecretId (name, full ARN or partial ARN), including one scheduled for deletion. */
    private Secret find(JsonNode input) {
        String secretId = text(input, "SecretId");
        if (secretId == null || secretId.isEmpty()) {
            throw invalidParameter("You must provide a value for the SecretId parameter.");
        }
        if (SecretNames.isArn(secretId)) {
            for (Secret secret : byName.values()) {
                if (SecretNames.arnMatches(secretId, secret.arn())) {
                    return secret;
                }
            }
        } else if (byName.containsKey(secretId)) {
            return byName.get(secretId);
        }
        throw notFound("Secrets Manager can't find the specified secret.");
    }

    /** As {@link #find}, refusing a secret scheduled for deletion the way AWS does. */
    private Secret findLive(JsonNode input) {
        Secret secret = find(input);
        if (secret.isScheduledForDeletion()) {
            throw invalidRequest("You can't perform this operation on the secret because it was marked for deletion.");
        }
        return secret;
    }

    private void purgeExpiredDeletions() {
        Instant now = now();
        boolean removed = byName.values().removeIf(s -> s.isScheduledForDeletion() && !s.deletionDate().isAfter(now));
        if (removed) {
            save();
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private JsonNode changing(JsonNode output) {
        save();
        return output;
    }

    private void save() {
        if (file != null) {
            file.save(byName.values());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static ObjectNode identity(Secret secret) {
        return JSON.createObjectNode().put("ARN", secret.arn()).put("Name", secret.name());
    }

    private static String versionId(JsonNode input) {
        String token = text(input, "ClientRequestToken");
        if (token == null) {
            return UUID.randomUUID().toString();
        }
        if (token.length() < 32 || token.length() > 64) {
            throw invalidParameter("ClientRequestToken must be 32 to 64 characters long.");
        }
        return token;
    }

    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    private static String text(JsonNode input, String field) {
        JsonNode node = input.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    static AwsServiceException notFound(String message) {
        return AwsServiceException.badRequest("ResourceNotFoundException", message);
    }

    static AwsServiceException invalidParameter(String message) {
        return AwsServiceException.badRequest("InvalidParameterException", message);
    }

    static AwsServiceException invalidRequest(String message) {
        return AwsServiceException.badRequest("InvalidRequestException", message);
    }

    /** A secret value from a request: exactly one of SecretString and SecretBinary (base64 on the wire). */
    private record SecretValue(String string, byte[] binary) {
        /** The value in {@code input}, or null when it has neither field. */
        static SecretValue from(JsonNode input) {
            String string = text(input, "SecretString");
            String base64 = text(input, "SecretBinary");
            if (string != null && base64 != null) {
                throw invalidParameter("You can't specify both a binary secret value and a string secret value in the same secret.");
            }
            if (string == null && base64 == null) {
                return null;
            }
            byte[] binary = null;
            if (base64 != null) {
                try {
                    binary = Base64.getDecoder().decode(base64);
                } catch (IllegalArgumentException e) {
                    throw AwsServiceException.badRequest("SerializationException", "SecretBinary is not valid base64");
                }
            }
            int size = string != null ? string.getBytes(java.nio.charset.StandardCharsets.UTF_8).length : binary.length;
            if (size > MAX_SECRET_BYTES) {
                throw invalidParameter("The secret value exceeds the maximum size of 65536 bytes.");
            }
            return new SecretValue(string, binary);
        }

        @Override
        public String toString() {
            return "SecretValue[***]";
        }
    }
}
