package io.pyairtable.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;

/**
 * Validates the {@code options} of a field definition and fills in Airtable's defaults, producing
 * the options object the metadata API returns.
 */
final class FieldOptions {

    private static final String[] CHOICE_COLORS = {"blueLight2", "cyanLight2", "tealLight2", "greenLight2",
        "yellowLight2", "orangeLight2", "redLight2", "pinkLight2", "purpleLight2", "grayLight2"};

    private FieldOptions() {
    }

    /**
     * @param base the base, to resolve a link's {@code linkedTableId} (an id, or for convenience a name)
     * @param idKey a stable description of the field, used to derive select choice ids
     */
    static ObjectNode normalize(FieldType type, JsonNode input, Base base, String fieldName, IdSource ids,
            String idKey) {
        ObjectNode given = input instanceof ObjectNode object ? object.deepCopy() : Json.object();
        if (input != null && !input.isNull() && !input.isObject()) {
            throw invalid(fieldName, "options must be an object");
        }
        ObjectNode options = Json.object();
        switch (type) {
            case SINGLE_SELECT, MULTIPLE_SELECTS -> options.set("choices", choices(given, fieldName, ids, idKey));
            case NUMBER, PERCENT -> options.put("precision", precision(given, 0, fieldName));
            case CURRENCY -> {
                options.put("precision", precision(given, 2, fieldName));
                options.put("symbol", given.path("symbol").asText("$"));
            }
            case RATING -> {
                int max = given.path("max").asInt(5);
                if (max < 1 || max > 10) {
                    throw invalid(fieldName, "rating max must be between 1 and 10");
                }
                options.put("icon", given.path("icon").asText("star"));
                options.put("max", max);
                options.put("color", given.path("color").asText("yellowBright"));
            }
            case DURATION -> options.put("durationFormat", given.path("durationFormat").asText("h:mm"));
            case CHECKBOX -> {
                options.put("icon", given.path("icon").asText("check"));
                options.put("color", given.path("color").asText("greenBright"));
            }
            case DATE -> options.set("dateFormat", dateFormat(given));
            case DATE_TIME -> {
                options.set("dateFormat", dateFormat(given));
                ObjectNode timeFormat = options.putObject("timeFormat");
                String timeName = given.path("timeFormat").path("name").asText("24hour");
                timeFormat.put("name", timeName);
                timeFormat.put("format", timeName.equals("12hour") ? "h:mma" : "HH:mm");
                options.put("timeZone", given.path("timeZone").asText("utc"));
            }
            case MULTIPLE_RECORD_LINKS -> {
                String target = given.path("linkedTableId").asText("");
                Table linked = base.table(target).orElseThrow(() ->
                        invalid(fieldName, "linkedTableId \"" + target + "\" is not a table of this base"));
                options.put("linkedTableId", linked.id());
                options.put("isReversed", false);
                options.put("prefersSingleRecordLink", given.path("prefersSingleRecordLink").asBoolean(false));
            }
            case COUNT -> {
                if (given.hasNonNull("recordLinkFieldId")) {
                    options.put("recordLinkFieldId", given.get("recordLinkFieldId").asText());
                }
                options.put("isValid", true);
            }
            case FORMULA -> {
                options.put("formula", given.path("formula").asText(""));
                options.put("isValid", true);
                options.putArray("referencedFieldIds");
            }
            default -> {
                // text, autoNumber, createdTime, lastModifiedTime and attachments have no options
            }
        }
        return options;
    }

    private static ArrayNode choices(ObjectNode given, String fieldName, IdSource ids, String idKey) {
        ArrayNode result = Json.array();
        JsonNode input = given.path("choices");
        if (!input.isMissingNode() && !input.isArray()) {
            throw invalid(fieldName, "choices must be an array");
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode choice : input) {
            String name = choice.isTextual() ? choice.asText() : choice.path("name").asText("");
            if (name.isBlank() || !seen.add(name)) {
                throw invalid(fieldName, "select choices must have distinct, non-empty names");
            }
            ObjectNode normalized = result.addObject();
            normalized.put("id", choice.hasNonNull("id") ? choice.get("id").asText()
                    : ids.next("sel", idKey + "/" + name));
            normalized.put("name", name);
            normalized.put("color", choice.path("color").asText(CHOICE_COLORS[result.size() % CHOICE_COLORS.length]));
        }
        return result;
    }

    /** Adds a choice to a select field (typecast with an unknown option). */
    static void addChoice(Field field, String name) {
        ArrayNode choices = field.options().withArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("id", Ids.random("sel"));
        choice.put("name", name);
        choice.put("color", CHOICE_COLORS[choices.size() % CHOICE_COLORS.length]);
    }

    /** The index of a select choice by name, or -1. */
    static int choiceIndex(Field field, String name) {
        int index = 0;
        for (JsonNode choice : field.options().path("choices")) {
            if (choice.path("name").asText().equals(name)) {
                return index;
            }
            index++;
        }
        return -1;
    }

    private static int precision(ObjectNode given, int fallback, String fieldName) {
        int precision = given.path("precision").asInt(fallback);
        if (precision < 0 || precision > 8) {
            throw invalid(fieldName, "precision must be between 0 and 8");
        }
        return precision;
    }

    private static ObjectNode dateFormat(ObjectNode given) {
        String name = given.path("dateFormat").path("name").asText("iso");
        ObjectNode format = Json.object();
        format.put("name", name);
        format.put("format", switch (name) {
            case "us" -> "M/D/YYYY";
            case "european" -> "D/M/YYYY";
            case "friendly" -> "LL";
            case "local" -> "l";
            default -> "YYYY-MM-DD";
        });
        return format;
    }

    static ApiException invalid(String fieldName, String reason) {
        return AirtableErrors.typed(422, "INVALID_FIELD_TYPE_OPTIONS",
                "Invalid options for field \"" + fieldName + "\": " + reason);
    }
}
