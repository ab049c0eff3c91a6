package io.pyairtable.local.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads an {@code AWS::DynamoDB::Table} into a {@link TableDefinition}. */
final class TableReader {
    static final Set<String> SUPPORTED = Set.of("TableName", "KeySchema", "AttributeDefinitions",
            "GlobalSecondaryIndexes", "LocalSecondaryIndexes", "TimeToLiveSpecification", "BillingMode",
            "PointInTimeRecoverySpecification", "ProvisionedThroughput", "StreamSpecification");
    static final Set<String> IGNORED = Set.of("SSESpecification", "Tags", "DeletionProtectionEnabled",
            "ContributorInsightsSpecification", "TableClass", "WarmThroughput", "OnDemandThroughput",
            "KinesisStreamSpecification", "ResourcePolicy");

    private TableReader() {
    }

    static TableDefinition read(ResourceInput input, StackResources stack, LocalNames names) {
        PropertyReader props = input.properties();
        List<TableDefinition.KeyElement> keySchema = keySchema(props, "KeySchema");
        if (keySchema.isEmpty()) {
            throw new TemplateException(props.pathOf("KeySchema"), "is required");
        }
        List<TableDefinition.AttributeDefinition> attributes = new ArrayList<>();
        for (PropertyReader attribute : props.mapList("AttributeDefinitions")) {
            attributes.add(new TableDefinition.AttributeDefinition(attribute.string("AttributeName"),
                    attribute.string("AttributeType")));
        }
        PropertyReader ttl = props.map("TimeToLiveSpecification");
        String ttlAttribute = ttl.bool("Enabled", false) ? ttl.string("AttributeName") : null;
        String tableName = stack.physicalName(input.logicalId());
        return new TableDefinition(input.logicalId(), tableName, names.tableArn(tableName), keySchema, attributes,
                indexes(props, "GlobalSecondaryIndexes"), indexes(props, "LocalSecondaryIndexes"), ttlAttribute,
                props.string("BillingMode", "PROVISIONED"),
                props.map("PointInTimeRecoverySpecification").bool("PointInTimeRecoveryEnabled", false), props.values());
    }

    private static List<TableDefinition.SecondaryIndex> indexes(PropertyReader props, String key) {
        List<TableDefinition.SecondaryIndex> indexes = new ArrayList<>();
        for (PropertyReader index : props.mapList(key)) {
            indexes.add(new TableDefinition.SecondaryIndex(index.string("IndexName"), keySchema(index, "KeySchema"),
                    index.map("Projection").values()));
        }
        return indexes;
    }

    private static List<TableDefinition.KeyElement> keySchema(PropertyReader props, String key) {
        List<TableDefinition.KeyElement> keys = new ArrayList<>();
        for (PropertyReader element : props.mapList(key)) {
            String keyType = element.string("KeyType");
            if (!keyType.equals("HASH") && !keyType.equals("RANGE")) {
                throw new TemplateException(element.pathOf("KeyType"), "must be HASH or RANGE");
            }
            keys.add(new TableDefinition.KeyElement(element.string("AttributeName"), keyType));
        }
        return keys;
    }
}
