package io.pyairtable.local.template;

import java.util.List;
import java.util.Map;

/**
 * An {@code AWS::DynamoDB::Table}.
 *
 * @param ttlAttribute {@code TimeToLiveSpecification.AttributeName} when enabled, else null
 * @param billingMode {@code PAY_PER_REQUEST} or {@code PROVISIONED} (default)
 * @param properties all resolved properties, for anything not modelled here (StreamSpecification, ...)
 */
public record TableDefinition(String logicalId, String tableName, String arn, List<KeyElement> keySchema,
        List<AttributeDefinition> attributeDefinitions, List<SecondaryIndex> globalSecondaryIndexes,
        List<SecondaryIndex> localSecondaryIndexes, String ttlAttribute, String billingMode,
        boolean pointInTimeRecovery, Map<String, Object> properties) {
    public TableDefinition {
        keySchema = List.copyOf(keySchema);
        attributeDefinitions = List.copyOf(attributeDefinitions);
        globalSecondaryIndexes = List.copyOf(globalSecondaryIndexes);
        localSecondaryIndexes = List.copyOf(localSecondaryIndexes);
        properties = Immutables.deepMap(properties);
    }

    /** @param keyType {@code HASH} or {@code RANGE} */
    public record KeyElement(String attributeName, String keyType) {
    }

    /** @param attributeType {@code S}, {@code N} or {@code B} */
    public record AttributeDefinition(String attributeName, String attributeType) {
    }

    /** @param projection the {@code Projection} mapping as written (ProjectionType, NonKeyAttributes) */
    public record SecondaryIndex(String indexName, List<KeyElement> keySchema, Map<String, Object> projection) {
        public SecondaryIndex {
            keySchema = List.copyOf(keySchema);
            projection = Immutables.deepMap(projection);
        }
    }
}
