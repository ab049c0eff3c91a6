package io.pyairtable.local.dynamodb;

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

/**
 * The JSON data file of a persistent {@link DynamoDbService}: every table's definition, settings and items. Saved by
 * writing a temporary file in the same directory and moving it over the target atomically, so a crash leaves the
 * previous snapshot or the new one, never a torn file.
 */
final class DynamoDbDataFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;

    DynamoDbDataFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    Path path() {
        return path;
    }

    /** Loads every table from the file into {@code store}; an absent file means an empty database. */
    void loadInto(TableStore store) {
        if (!Files.exists(path)) {
            return;
        }
        JsonNode root;
        try {
            root = JSON.readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the DynamoDB data file " + path, e);
        }
        store.write(() -> {
            for (JsonNode saved : root.path("tables")) {
                Table table = TableOperations.newTable(saved.get("definition"), Instant.parse(saved.get("createdAt").asText()),
                        saved.get("tableId").asText());
                if (saved.hasNonNull("ttlAttribute")) {
                    table.ttlAttribute(saved.get("ttlAttribute").asText());
                }
                table.pointInTimeRecovery(saved.path("pointInTimeRecovery").asBoolean(false));
                for (JsonNode item : saved.path("items")) {
                    table.put(AttributeValues.normalizeItem(item));
                }
                store.tables().put(table.name(), table);
            }
            return null;
        });
    }

    /** Serialises a consistent snapshot of {@code store} (under its read lock) and writes it atomically. */
    void save(TableStore store) {
        byte[] content = store.read(() -> {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode tables = root.putArray("tables");
            for (Table table : store.tables().values()) {
                ObjectNode saved = tables.addObject();
                saved.set("definition", definition(table));
                saved.put("tableId", table.tableId()).put("createdAt", table.createdAt().toString());
                saved.put("ttlAttribute", table.ttlAttribute()).put("pointInTimeRecovery", table.pointInTimeRecovery());
                ArrayNode items = saved.putArray("items");
                table.items().forEach(items::add);
            }
            try {
                return JSON.writeValueAsBytes(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            AtomicFiles.write(path, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the DynamoDB data file " + path, e);
        }
    }

    /** The table as a CreateTable request, which {@link TableOperations#newTable} turns back into the same table. */
    private static ObjectNode definition(Table table) {
        ObjectNode definition = JSON.createObjectNode().put("TableName", table.name());
        ArrayNode attributes = definition.putArray("AttributeDefinitions");
        table.attributeDefinitions().forEach((name, type) -> attributes.addObject().put("AttributeName", name)
                .put("AttributeType", type));
        definition.set("KeySchema", table.keys().describe());
        definition.put("BillingMode", table.billingMode());
        if (table.billingMode().equals("PROVISIONED")) {
            definition.putObject("ProvisionedThroughput").put("ReadCapacityUnits", table.readCapacity())
                    .put("WriteCapacityUnits", table.writeCapacity());
        }
        ArrayNode global = JSON.createArrayNode();
        ArrayNode local = JSON.createArrayNode();
        for (SecondaryIndex index : table.indexes().values()) {
            ObjectNode spec = (index.global() ? global : local).addObject().put("IndexName", index.name());
            spec.set("KeySchema", index.keys().describe());
            ObjectNode projection = spec.putObject("Projection").put("ProjectionType", index.projectionType());
            if (!index.nonKeyAttributes().isEmpty()) {
                ArrayNode nonKey = projection.putArray("NonKeyAttributes");
                index.nonKeyAttributes().forEach(nonKey::add);
            }
        }
        if (!global.isEmpty()) {
            definition.set("GlobalSecondaryIndexes", global);
        }
        if (!local.isEmpty()) {
            definition.set("LocalSecondaryIndexes", local);
        }
        if (table.streamSpecification() != null) {
            definition.set("StreamSpecification", table.streamSpecification());
        }
        definition.put("DeletionProtectionEnabled", table.deletionProtection());
        ArrayNode tags = definition.putArray("Tags");
        table.tags().forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
        return definition;
    }

}
