package io.pyairtable.sandbox;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * State of one write request while it is validated: the typecast flag and the select choices a
 * typecast wants to add. Choices are only added on {@link #commitSchemaChanges()}, after every
 * record of the request has been validated, so a rejected request changes nothing.
 */
final class WriteContext {

    private final Base base;
    private final boolean typecast;
    private final Map<Field, Set<String>> pendingChoices = new LinkedHashMap<>();

    WriteContext(Base base, boolean typecast) {
        this.base = base;
        this.typecast = typecast;
    }

    Base base() {
        return base;
    }

    boolean typecast() {
        return typecast;
    }

    void addChoiceLater(Field field, String choice) {
        pendingChoices.computeIfAbsent(field, key -> new LinkedHashSet<>()).add(choice);
    }

    boolean isPendingChoice(Field field, String choice) {
        return pendingChoices.getOrDefault(field, Set.of()).contains(choice);
    }

    void commitSchemaChanges() {
        pendingChoices.forEach((field, choices) -> choices.forEach(choice -> FieldOptions.addChoice(field, choice)));
        pendingChoices.clear();
    }
}
