package io.pyairtable.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pyairtable.local.aws.AtomicFiles;
import io.pyairtable.local.aws.AwsJsonService;
import io.pyairtable.local.aws.AwsServiceException;
import io.pyairtable.local.template.LocalNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A minimal Amazon SQS (standard queues) speaking the AWS JSON 1.0 protocol of the SDKs' SQS clients
 * ({@code X-Amz-Target: AmazonSQS.<Operation>}): CreateQueue, GetQueueUrl, GetQueueAttributes, ListQueues,
 * SendMessage, ReceiveMessage (visibility timeout, long polling up to 20 s, system attributes), DeleteMessage,
 * ChangeMessageVisibility and PurgeQueue. Messages are kept for the queue's retention period; with a data file every
 * change is written to it at once (atomically), so queues and messages survive a restart.
 *
 * <p>A queue is found by the last two segments of its URL ({@code /<account>/<name>}), whatever the host: the URL
 * that {@code !Ref} gives ({@code https://sqs.us-east-1.amazonaws.com/000000000000/<name>}, also what CreateQueue
 * and GetQueueUrl answer) works with any client pointed at the local endpoint. Not emulated: FIFO queues, message
 * attributes (refused), batch operations, redrive policies, tags, permissions, the 60-second purge limit.
 */
public final class SqsService implements AwsJsonService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_WAIT_SECONDS = 20;
    private static final Set<String> SETTABLE = Set.of("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds",
            "ReceiveMessageWaitTimeSeconds", "MaximumMessageSize");

    private final Path dataFile;
    private final Map<String, Queue> queues = new TreeMap<>();

    /** @param dataFile where queues and messages are kept between runs; null keeps them in memory */
    public SqsService(Path dataFile) {
        this.dataFile = dataFile;
        if (dataFile != null && Files.exists(dataFile)) {
            load();
        }
    }

    @Override
    public String signingName() {
        return "sqs";
    }

    @Override
    public String targetPrefix() {
        return "AmazonSQS";
    }

    @Override
    public String contentType() {
        return "application/x-amz-json-1.0";
    }

    @Override
    public JsonNode handle(String operation, JsonNode input) {
        return switch (operation) {
            case "CreateQueue" -> createQueue(input);
            case "GetQueueUrl" -> getQueueUrl(input);
            case "GetQueueAttributes" -> getQueueAttributes(input);
            case "ListQueues" -> listQueues(input);
            case "SendMessage" -> sendMessage(input);
            case "ReceiveMessage" -> receiveMessage(input);
            case "DeleteMessage" -> deleteMessage(input);
            case "ChangeMessageVisibility" -> changeMessageVisibility(input);
            case "PurgeQueue" -> purgeQueue(input);
            default -> throw AwsServiceException.badRequest("UnsupportedOperation",
                    "SQS operation " + operation + " is not supported by the local cloud");
        };
    }

    // ------------------------------------------------------------------ queues

    private synchronized JsonNode createQueue(JsonNode input) {
        String name = required(input, "QueueName");
        if (!name.matches("[A-Za-z0-9_-]{1,80}")) {
            throw invalidParameter("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        input.path("Attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            if (attribute.getKey().equals("FifoQueue") && attribute.getValue().equals("true")) {
                throw invalidParameter("FIFO queues are not emulated by the local cloud");
            }
            if (!SETTABLE.contains(attribute.getKey()) && !attribute.getKey().equals("SqsManagedSseEnabled")
                    && !attribute.getKey().equals("FifoQueue")) {
                throw new AwsServiceException(400, "InvalidAttributeName", "Unknown Attribute " + attribute.getKey() + ".");
            }
        }
        Queue existing = queues.get(name);
        if (existing != null) {
            for (Map.Entry<String, String> attribute : attributes.entrySet()) {
                if (SETTABLE.contains(attribute.getKey())
                        && existing.setting(attribute.getKey()) != parseSetting(attribute.getKey(), attribute.getValue())) {
                    throw new AwsServiceException(400, "QueueNameExists",
                            "A queue already exists with the same name and a different value for attribute " + attribute.getKey());
                }
            }
            return JSON.createObjectNode().put("QueueUrl", LocalNames.queueUrl(name));
        }
        Queue queue = new Queue(name, System.currentTimeMillis());
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            if (SETTABLE.contains(attribute.getKey())) {
                queue.settings.put(attribute.getKey(), parseSetting(attribute.getKey(), attribute.getValue()));
            }
        }
        queues.put(name, queue);
        save();
        return JSON.createObjectNode().put("QueueUrl", LocalNames.queueUrl(name));
    }

    private static int parseSetting(String name, String value) {
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new AwsServiceException(400, "InvalidAttributeValue", "Invalid value for the parameter " + name + ".");
        }
        int[] range = switch (name) {
            case "VisibilityTimeout" -> new int[] {0, 43_200};
            case "MessageRetentionPeriod" -> new int[] {60, 1_209_600};
            case "DelaySeconds" -> new int[] {0, 900};
            case "ReceiveMessageWaitTimeSeconds" -> new int[] {0, 20};
            default -> new int[] {1024, 262_144};
        };
        if (parsed < range[0] || parsed > range[1]) {
            throw new AwsServiceException(400, "InvalidAttributeValue", "Invalid value for the parameter " + name + ".");
        }
        return parsed;
    }

    private synchronized JsonNode getQueueUrl(JsonNode input) {
        String name = required(input, "QueueName");
        if (!queues.containsKey(name)) {
            throw queueDoesNotExist();
        }
        return JSON.createObjectNode().put("QueueUrl", LocalNames.queueUrl(name));
    }

    private synchronized JsonNode getQueueAttributes(JsonNode input) {
        Queue queue = queue(input);
        Set<String> wanted = new LinkedHashSet<>();
        input.path("AttributeNames").forEach(n -> wanted.add(n.asText()));
        long now = System.currentTimeMillis();
        queue.expire(now);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("QueueArn", "arn:aws:sqs:" + LocalNames.REGION + ":" + LocalNames.ACCOUNT_ID + ":" + queue.name);
        all.put("ApproximateNumberOfMessages", String.valueOf(queue.messages.stream().filter(m -> m.visibleAt <= now).count()));
        all.put("ApproximateNumberOfMessagesNotVisible",
                String.valueOf(queue.messages.stream().filter(m -> m.visibleAt > now && m.receiveCount > 0).count()));
        all.put("ApproximateNumberOfMessagesDelayed",
                String.valueOf(queue.messages.stream().filter(m -> m.visibleAt > now && m.receiveCount == 0).count()));
        all.put("CreatedTimestamp", String.valueOf(queue.created / 1000));
        all.put("LastModifiedTimestamp", String.valueOf(queue.created / 1000));
        for (String setting : List.of("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds",
                "ReceiveMessageWaitTimeSeconds", "MaximumMessageSize")) {
            all.put(setting, String.valueOf(queue.setting(setting)));
        }
        all.put("SqsManagedSseEnabled", "true");
        ObjectNode attributes = JSON.createObjectNode();
        for (Map.Entry<String, String> attribute : all.entrySet()) {
            if (wanted.contains("All") || wanted.contains(attribute.getKey())) {
                attributes.put(attribute.getKey(), attribute.getValue());
            }
        }
        for (String name : wanted) {
            if (!name.equals("All") && !all.containsKey(name)) {
                throw new AwsServiceException(400, "InvalidAttributeName", "Unknown Attribute " + name + ".");
            }
        }
        ObjectNode output = JSON.createObjectNode();
        if (!attributes.isEmpty()) {
            output.set("Attributes", attributes);
        }
        return output;
    }

    private synchronized JsonNode listQueues(JsonNode input) {
        String prefix = input.path("QueueNamePrefix").asText("");
        int max = input.path("MaxResults").asInt(1000);
        if (max < 1 || max > 1000) {
            throw invalidParameter("MaxResults must be 1 to 1000");
        }
        String after = input.path("NextToken").asText("");
        List<String> names = queues.keySet().stream().filter(n -> n.startsWith(prefix) && n.compareTo(after) > 0).toList();
        ObjectNode output = JSON.createObjectNode();
        ArrayNode urls = output.putArray("QueueUrls");
        names.stream().limit(max).forEach(n -> urls.add(LocalNames.queueUrl(n)));
        if (input.has("MaxResults") && names.size() > max) {
            output.put("NextToken", names.get(max - 1));
        }
        return output;
    }

    private synchronized JsonNode purgeQueue(JsonNode input) {
        queue(input).messages.clear();
        save();
        return JSON.createObjectNode();
    }

    // ------------------------------------------------------------------ messages

    private synchronized JsonNode sendMessage(JsonNode input) {
        Queue queue = queue(input);
        String body = required(input, "MessageBody");
        if (input.path("MessageAttributes").size() > 0 || input.path("MessageSystemAttributes").size() > 0) {
            throw invalidParameter("message attributes are not supported by the local SQS");
        }
        if (body.isEmpty()) {
            throw invalidParameter("The request must contain the parameter MessageBody.");
        }
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > queue.setting("MaximumMessageSize")) {
            throw invalidParameter("One or more parameters are invalid. Reason: Message must be shorter than "
                    + queue.setting("MaximumMessageSize") + " bytes.");
        }
        if (!validCharacters(body)) {
            throw new AwsServiceException(400, "InvalidMessageContents", "Invalid characters found.");
        }
        int delay = input.has("DelaySeconds") ? input.path("DelaySeconds").asInt() : queue.setting("DelaySeconds");
        if (delay < 0 || delay > 900) {
            throw invalidParameter("DelaySeconds must be 0 to 900");
        }
        long now = System.currentTimeMillis();
        Message message = new Message(UUID.randomUUID().toString(), body, md5(body), now);
        message.visibleAt = now + delay * 1000L;
        queue.messages.add(message);
        save();
        notifyAll();
        return JSON.createObjectNode().put("MessageId", message.id).put("MD5OfMessageBody", message.md5);
    }

    private JsonNode receiveMessage(JsonNode input) {
        int max = input.path("MaxNumberOfMessages").asInt(1);
        if (max < 1 || max > 10) {
            throw invalidParameter("Value " + max + " for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.");
        }
        Set<String> attributeNames = new LinkedHashSet<>();
        input.path("AttributeNames").forEach(n -> attributeNames.add(n.asText()));
        input.path("MessageSystemAttributeNames").forEach(n -> attributeNames.add(n.asText()));
        synchronized (this) {
            Queue queue = queue(input);
            int visibility = input.has("VisibilityTimeout") ? input.path("VisibilityTimeout").asInt() : queue.setting("VisibilityTimeout");
            if (visibility < 0 || visibility > 43_200) {
                throw invalidParameter("VisibilityTimeout must be 0 to 43200");
            }
            int wait = input.has("WaitTimeSeconds") ? input.path("WaitTimeSeconds").asInt() : queue.setting("ReceiveMessageWaitTimeSeconds");
            if (wait < 0 || wait > MAX_WAIT_SECONDS) {
                throw invalidParameter("Value " + wait + " for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.");
            }
            long deadline = System.currentTimeMillis() + wait * 1000L;
            while (true) {
                long now = System.currentTimeMillis();
                queue.expire(now);
                List<Message> taken = new ArrayList<>();
                for (Message message : queue.messages) {
                    if (taken.size() < max && message.visibleAt <= now) {
                        taken.add(message);
                    }
                }
                if (!taken.isEmpty() || now >= deadline) {
                    return received(taken, now, visibility, attributeNames);
                }
                try {
                    wait(Math.min(deadline - now, 1000)); // also wakes for messages becoming visible again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return received(List.of(), now, visibility, attributeNames);
                }
                if (!queues.containsKey(queue.name)) {
                    throw queueDoesNotExist();
                }
            }
        }
    }

    /** Marks the messages received (new receipt handles, hidden for {@code visibility} seconds) and answers them. */
    private JsonNode received(List<Message> taken, long now, int visibility, Set<String> attributeNames) {
        ObjectNode output = JSON.createObjectNode();
        if (taken.isEmpty()) {
            return output;
        }
        ArrayNode messages = output.putArray("Messages");
        for (Message message : taken) {
            message.receiveCount++;
            if (message.firstReceived == 0) {
                message.firstReceived = now;
            }
            message.visibleAt = now + visibility * 1000L;
            message.receiptHandle = message.id + "#" + UUID.randomUUID();
            ObjectNode json = messages.addObject().put("MessageId", message.id).put("ReceiptHandle", message.receiptHandle)
                    .put("MD5OfBody", message.md5).put("Body", message.body);
            Map<String, String> system = new LinkedHashMap<>();
            system.put("SenderId", LocalNames.ACCOUNT_ID);
            system.put("SentTimestamp", String.valueOf(message.sent));
            system.put("ApproximateReceiveCount", String.valueOf(message.receiveCount));
            system.put("ApproximateFirstReceiveTimestamp", String.valueOf(message.firstReceived));
            ObjectNode attributes = JSON.createObjectNode();
            system.forEach((name, value) -> {
                if (attributeNames.contains("All") || attributeNames.contains(name)) {
                    attributes.put(name, value);
                }
            });
            if (!attributes.isEmpty()) {
                json.set("Attributes", attributes);
            }
        }
        save();
        return output;
    }

    private synchronized JsonNode deleteMessage(JsonNode input) {
        Queue queue = queue(input);
        Message message = byReceiptHandle(queue, required(input, "ReceiptHandle"));
        if (message != null) {
            queue.messages.remove(message);
            save();
        }
        return JSON.createObjectNode();
    }

    private synchronized JsonNode changeMessageVisibility(JsonNode input) {
        Queue queue = queue(input);
        String handle = required(input, "ReceiptHandle");
        int visibility = input.path("VisibilityTimeout").asInt(-1);
        if (visibility < 0 || visibility > 43_200) {
            throw invalidParameter("VisibilityTimeout must be 0 to 43200");
        }
        Message message = byReceiptHandle(queue, handle);
        if (message == null || message.visibleAt <= System.currentTimeMillis()) {
            throw new AwsServiceException(400, "MessageNotInflight", "Message does not exist or is not available for visibility timeout change.");
        }
        message.visibleAt = System.currentTimeMillis() + visibility * 1000L;
        save();
        notifyAll();
        return JSON.createObjectNode();
    }

    /**
     * The message a receipt handle designates, or null when it was deleted meanwhile or received again since (SQS
     * then answers DeleteMessage with success and keeps the message).
     */
    private static Message byReceiptHandle(Queue queue, String handle) {
        int hash = handle.indexOf('#');
        if (hash <= 0) {
            throw new AwsServiceException(400, "ReceiptHandleIsInvalid", "The input receipt handle \"" + handle + "\" is not a valid receipt handle.");
        }
        for (Message message : queue.messages) {
            if (handle.equals(message.receiptHandle)) {
                return message;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ helpers

    private Queue queue(JsonNode input) {
        String url = required(input, "QueueUrl");
        String[] parts = url.split("/");
        if (parts.length < 2) {
            throw queueDoesNotExist();
        }
        String account = parts[parts.length - 2];
        Queue queue = queues.get(parts[parts.length - 1]);
        if (queue == null || !account.equals(LocalNames.ACCOUNT_ID)) {
            throw queueDoesNotExist();
        }
        return queue;
    }

    private static String required(JsonNode input, String field) {
        JsonNode value = input.get(field);
        if (value == null || value.isNull()) {
            throw new AwsServiceException(400, "MissingParameter", "The request must contain the parameter " + field + ".");
        }
        return value.asText();
    }

    private static AwsServiceException queueDoesNotExist() {
        return new AwsServiceException(400, "QueueDoesNotExist", "The specified queue does not exist.");
    }

    private static AwsServiceException invalidParameter(String message) {
        return new AwsServiceException(400, "InvalidParameterValue", message);
    }

    /** SQS's allowed characters: #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF. */
    private static boolean validCharacters(String body) {
        return body.codePoints().allMatch(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF));
    }

    static String md5(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ for the local cloud and tests

    /** Creates a queue from the template unless it exists (kept from an earlier run). */
    public void ensureQueue(String name, Map<String, Integer> settings) {
        ObjectNode request = JSON.createObjectNode().put("QueueName", name);
        ObjectNode attributes = request.putObject("Attributes");
        settings.forEach((key, value) -> attributes.put(key, String.valueOf(value)));
        synchronized (this) {
            if (queues.containsKey(name)) {
                return; // as CloudFormation, do not touch a queue that exists; its messages are kept
            }
        }
        createQueue(request);
    }

    /** Sends a message to a queue by name (Lambda's destinations do this). */
    public String send(String queueName, String body) {
        return sendMessage(JSON.createObjectNode().put("QueueUrl", LocalNames.queueUrl(queueName)).put("MessageBody", body))
                .path("MessageId").asText();
    }

    // ------------------------------------------------------------------ persistence

    private void save() {
        if (dataFile == null) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        ObjectNode all = root.putObject("queues");
        for (Queue queue : queues.values()) {
            ObjectNode json = all.putObject(queue.name).put("created", queue.created);
            ObjectNode settings = json.putObject("settings");
            queue.settings.forEach(settings::put);
            ArrayNode messages = json.putArray("messages");
            for (Message m : queue.messages) {
                messages.addObject().put("id", m.id).put("body", m.body).put("sent", m.sent)
                        .put("receiveCount", m.receiveCount).put("firstReceived", m.firstReceived)
                        .put("visibleAt", m.visibleAt).put("receiptHandle", m.receiptHandle);
            }
        }
        try {
            AtomicFiles.write(dataFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataFile, e);
        }
    }

    private void load() {
        try {
            JsonNode root = JSON.readTree(dataFile.toFile());
            root.path("queues").fields().forEachRemaining(entry -> {
                JsonNode json = entry.getValue();
                Queue queue = new Queue(entry.getKey(), json.path("created").asLong());
                json.path("settings").fields().forEachRemaining(s -> queue.settings.put(s.getKey(), s.getValue().asInt()));
                for (JsonNode m : json.path("messages")) {
                    Message message = new Message(m.path("id").asText(), m.path("body").asText(), md5(m.path("body").asText()),
                            m.path("sent").asLong());
                    message.receiveCount = m.path("receiveCount").asInt();
                    message.firstReceived = m.path("firstReceived").asLong();
                    message.visibleAt = m.path("visibleAt").asLong();
                    message.receiptHandle = m.path("receiptHandle").isNull() ? null : m.path("receiptHandle").asText(null);
                    queue.messages.add(message);
                }
                queues.put(queue.name, queue);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dataFile, e);
        }
    }

    private static final class Queue {
        final String name;
        final long created;
        final Map<String, Integer> settings = new LinkedHashMap<>();
        final List<Message> messages = new ArrayList<>();

        Queue(String name, long created) {
            this.name = name;
            this.created = created;
        }

        int setting(String name) {
            Integer value = settings.get(name);
            if (value != null) {
                return value;
            }
            return switch (name) {
                case "VisibilityTimeout" -> 30;
                case "MessageRetentionPeriod" -> 345_600;
                case "MaximumMessageSize" -> 262_144;
                default -> 0;
            };
        }

        /** Drops the messages older than the retention period. */
        void expire(long now) {
            long oldest = now - setting("MessageRetentionPeriod") * 1000L;
            for (Iterator<Message> it = messages.iterator(); it.hasNext(); ) {
                if (it.next().sent < oldest) {
                    it.remove();
                }
            }
        }
    }

    private static final class Message {
        final String id;
        final String body;
        final String md5;
        final long sent;
        int receiveCount;
        long firstReceived;
        long visibleAt;
        String receiptHandle;

        Message(String id, String body, String md5, long sent) {
            this.id = id;
            this.body = body;
            this.md5 = md5;
            this.sent = sent;
        }
    }
}
