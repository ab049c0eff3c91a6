package io.pyairtable.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * A parsed UpdateExpression: SET, REMOVE, ADD and DELETE actions. As in DynamoDB, every operand is evaluated against
 * the item as it was before the update, then all actions are applied.
 */
final class UpdateExpression {
    record SetAction(AttributePath path, Operand value) {
    }

    record AddAction(AttributePath path, ObjectNode value) {
    }

    record DeleteAction(AttributePath path, ObjectNode value) {
    }

    private final List<SetAction> sets;
    private final List<AttributePath> removes;
    private final List<AddAction> adds;
    private final List<DeleteAction> deletes;

    private UpdateExpression(Builder builder) {
        this.sets = List.copyOf(builder.sets);
        this.removes = List.copyOf(builder.removes);
        this.adds = List.copyOf(builder.adds);
        this.deletes = List.copyOf(builder.deletes);
    }

    /** Every path the expression writes or removes. */
    List<AttributePath> paths() {
        List<AttributePath> paths = new ArrayList<>();
        sets.forEach(a -> paths.add(a.path()));
        paths.addAll(removes);
        adds.forEach(a -> paths.add(a.path()));
        deletes.forEach(a -> paths.add(a.path()));
        return paths;
    }

    /** Returns the updated copy of {@code old} (which is not modified). */
    ObjectNode apply(ObjectNode old) {
        ObjectNode updated = old.deepCopy();
        List<JsonNode> setValues = new ArrayList<>();
        for (SetAction set : sets) {
            setValues.add(require(set.value().evaluate(old)).deepCopy());
        }
        for (int i = 0; i < sets.size(); i++) {
            sets.get(i).path().set(updated, setValues.get(i));
        }
        // Remove list elements from the highest index down, so earlier removals don't shift later ones.
        List<AttributePath> orderedRemoves = new ArrayList<>(removes);
        orderedRemoves.sort(Comparator.comparingInt(UpdateExpression::lastIndex).reversed());
        orderedRemoves.forEach(path -> path.remove(updated));
        for (AddAction add : adds) {
            add.path().set(updated, added(add.path().get(old), add.value()));
        }
        for (DeleteAction delete : deletes) {
            JsonNode remaining = withoutElements(delete.path().get(old), delete.value());
            if (remaining == null) {
                delete.path().remove(updated);
            } else {
                delete.path().set(updated, remaining);
            }
        }
        return updated;
    }

    private static int lastIndex(AttributePath path) {
        AttributePath.Step last = path.steps().get(path.steps().size() - 1);
        return last.isIndex() ? last.index() : -1;
    }

    /** ADD: a number is added to a number (absent = 0); a set is unioned into a set of the same type (absent = empty). */
    private static JsonNode added(JsonNode existing, ObjectNode value) {
        String type = AttributeValues.type(value);
        if (existing == null) {
            return value.deepCopy();
        }
        if (!AttributeValues.type(existing).equals(type)) {
            throw incorrectOperandType();
        }
        if (type.equals("N")) {
            return AttributeValues.number(new BigDecimal(existing.get("N").asText()).add(new BigDecimal(value.get("N").asText())));
        }
        TreeSet<String> union = new TreeSet<>(AttributeValues.setOrder(type));
        existing.get(type).forEach(e -> union.add(e.asText()));
        value.get(type).forEach(e -> union.add(e.asText()));
        return setOf(type, union);
    }

    /** DELETE: the set minus the given elements, or null when nothing is left (the attribute is then removed). */
    private static JsonNode withoutElements(JsonNode existing, ObjectNode value) {
        String type = AttributeValues.type(value);
        if (existing == null) {
            return null;
        }
        if (!AttributeValues.type(existing).equals(type)) {
            throw incorrectOperandType();
        }
        TreeSet<String> remaining = new TreeSet<>(AttributeValues.setOrder(type));
        existing.get(type).forEach(e -> remaining.add(e.asText()));
        value.get(type).forEach(e -> remaining.remove(e.asText()));
        return remaining.isEmpty() ? null : setOf(type, remaining);
    }

    private static ObjectNode setOf(String type, TreeSet<String> elements) {
        ArrayNode array = AttributeValues.NODES.arrayNode();
        elements.forEach(array::add);
        return AttributeValues.of(type, array);
    }

    /** The value of an operand that must exist, or DynamoDB's error for a missing attribute. */
    static JsonNode require(JsonNode value) {
        if (value == null) {
            throw DynamoDbException.validation("The provided expression refers to an attribute that does not exist in the item");
        }
        return value;
    }

    static DynamoDbException incorrectOperandType() {
        return DynamoDbException.validation("An operand in the update expression has an incorrect data type");
    }

    /** Collects actions while parsing. */
    static final class Builder {
        private final List<SetAction> sets = new ArrayList<>();
        private final List<AttributePath> removes = new ArrayList<>();
        private final List<AddAction> adds = new ArrayList<>();
        private final List<DeleteAction> deletes = new ArrayList<>();

        void set(AttributePath path, Operand value) {
            sets.add(new SetAction(path, value));
        }

        void remove(AttributePath path) {
            removes.add(path);
        }

        void add(AttributePath path, ObjectNode value) {
            adds.add(new AddAction(path, value));
        }

        void delete(AttributePath path, ObjectNode value) {
            deletes.add(new DeleteAction(path, value));
        }

        UpdateExpression build() {
            return new UpdateExpression(this);
        }
    }
}
