package io.pyairtable.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A global or local secondary index. Indexes are not stored separately: queries read the table's items that have the
 * index key (indexes are sparse) and project them, so an index is always consistent and always ACTIVE.
 */
record SecondaryIndex(String name, boolean global, KeySchema keys, String projectionType, List<String> nonKeyAttributes,
        long readCapacity, long writeCapacity) {

    /** The attributes of {@code item} this index holds: its keys, the table's keys, and the projected attributes. */
    ObjectNode project(ObjectNode item, KeySchema tableKeys) {
        if (projectionType.equals("ALL")) {
            return item;
        }
        ObjectNode projected = AttributeValues.NODES.objectNode();
        List<String> names = new ArrayList<>(tableKeys.attributeNames());
        names.addAll(keys.attributeNames());
        if (projectionType.equals("INCLUDE")) {
            names.addAll(nonKeyAttributes);
        }
        for (String name : names) {
            JsonNode value = item.get(name);
            if (value != null) {
                projected.set(name, value);
            }
        }
        return projected;
    }

    ObjectNode describe(String tableArn, long itemCount, long sizeBytes, boolean provisioned) {
        ObjectNode out = AttributeValues.NODES.objectNode().put("IndexName", name);
        out.set("KeySchema", keys.describe());
        ObjectNode projection = out.putObject("Projection").put("ProjectionType", projectionType);
        if (projectionType.equals("INCLUDE")) {
            ArrayNode include = projection.putArray("NonKeyAttributes");
            nonKeyAttributes.forEach(include::add);
        }
        if (global) {
            out.put("IndexStatus", "ACTIVE");
            out.putObject("ProvisionedThroughput").put("NumberOfDecreasesToday", 0)
                    .put("ReadCapacityUnits", provisioned ? readCapacity : 0)
                    .put("WriteCapacityUnits", provisioned ? writeCapacity : 0);
        }
        out.put("IndexSizeBytes", sizeBytes).put("ItemCount", itemCount).put("IndexArn", tableArn + "/index/" + name);
        return out;
    }
}
