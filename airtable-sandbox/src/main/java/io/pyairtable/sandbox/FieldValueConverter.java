package io.pyairtable.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLConnection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a value written to a cell and converts it to the stored form, applying Airtable's
 * {@code typecast} conversions when requested. Returns {@code null} for "clear the cell".
 */
final class FieldValueConverter {

    /** Airtable stores numbers as doubles; far larger values are rejected rather than overflowing. */
    private static final BigDecimal LARGEST_NUMBER = new BigDecimal("1e300");
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/yyyy");

    private final AttachmentUrls attachmentUrls;

    FieldValueConverter(AttachmentUrls attachmentUrls) {
        this.attachmentUrls = attachmentUrls;
    }

    /**
     * @param current the record being updated (to keep existing attachments by id), or {@code null}
     */
    Object convert(Field field, JsonNode input, WriteContext context, StoredRecord current) {
        if (field.type().isComputed()) {
            throw AirtableErrors.computedField(field.name());
        }
        if (input == null || input.isNull()) {
            return null;
        }
        FieldType type = field.type();
        if (type.isText()) {
            return text(field, input, context);
        }
        if (type.isNumeric()) {
            return number(field, input, context);
        }
        return switch (type) {
            case CHECKBOX -> checkbox(field, input, context);
            case DATE -> date(field, input, context);
            case DATE_TIME -> dateTime(field, input);
            case SINGLE_SELECT -> choice(field, selectName(field, input, context), context);
            case MULTIPLE_SELECTS -> multipleSelects(field, input, context);
            case MULTIPLE_RECORD_LINKS -> links(field, input, context);
            case MULTIPLE_ATTACHMENTS -> attachments(field, input, current);
            default -> throw AirtableErrors.invalidValue(field.name());
        };
    }

    private static Object text(Field field, JsonNode input, WriteContext context) {
        if (input.isTextual()) {
            return input.asText().isEmpty() ? null : input.asText();
        }
        if (context.typecast() && (input.isNumber() || input.isBoolean())) {
            return input.asText();
        }
        throw AirtableErrors.invalidValue(field.name());
    }

    private static Object number(Field field, JsonNode input, WriteContext context) {
        BigDecimal number;
        if (input.isNumber()) {
            number = input.decimalValue();
        } else if (context.typecast() && input.isTextual()) {
            number = parseNumber(field, input.asText());
            if (number == null) {
                return null;
            }
        } else {
            throw AirtableErrors.invalidValue(field.name());
        }
        if (number.abs().compareTo(LARGEST_NUMBER) > 0) {
            throw AirtableErrors.invalidValue(field.name(), "the number is too large");
        }
        switch (field.type()) {
            case NUMBER, CURRENCY -> number = number.setScale(field.options().path("precision").asInt(0),
                    RoundingMode.HALF_UP);
            case RATING -> {
                int max = field.options().path("max").asInt(5);
                if (number.stripTrailingZeros().scale() > 0 || number.intValue() < 0 || number.intValue() > max) {
                    throw AirtableErrors.invalidValue(field.name(), "a rating is a whole number from 1 to " + max);
                }
                if (number.signum() == 0) {
                    return null;
                }
            }
            default -> {
                // percent and duration are stored as given
            }
        }
        return CellValues.normalizeNumber(number);
    }

    private static BigDecimal parseNumber(Field field, String text) {
        String cleaned = text.trim().replace(",", "").replace("$", "").replace("€", "").replace("£", "")
                .replace(" ", "");
        if (cleaned.isEmpty()) {
            return null;
        }
        boolean percent = cleaned.endsWith("%");
        if (percent) {
            cleaned = cleaned.substring(0, cleaned.length() - 1);
        }
        try {
            BigDecimal number = new BigDecimal(cleaned);
            return percent && field.type() == FieldType.PERCENT ? number.movePointLeft(2) : number;
        } catch (NumberFormatException e) {
            throw AirtableErrors.invalidValue(field.name(), "\"" + text + "\" is not a number");
        }
    }

    private static Object checkbox(Field field, JsonNode input, WriteContext context) {
        if (input.isBoolean()) {
            return input.asBoolean() ? Boolean.TRUE : null;
        }
        if (context.typecast()) {
            if (input.isNumber()) {
                return input.decimalValue().signum() != 0 ? Boolean.TRUE : null;
            }
            if (input.isTextual()) {
                String text = input.asText().trim().toLowerCase(Locale.ROOT);
                return Set.of("true", "yes", "y", "1", "checked", "on", "x").contains(text) ? Boolean.TRUE : null;
            }
        }
        throw AirtableErrors.invalidValue(field.name());
    }

    private static Object date(Field field, JsonNode input, WriteContext context) {
        if (!input.isTextual()) {
            throw AirtableErrors.invalidValue(field.name());
        }
        String text = input.asText().trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).toString();
            }
            return parseInstant(text).atZone(ZoneOffset.UTC).toLocalDate().toString();
        } catch (DateTimeParseException notIso) {
            if (context.typecast()) {
                try {
                    return LocalDate.parse(text, US_DATE).toString();
                } catch (DateTimeParseException ignored) {
                    // reported below
                }
            }
            throw AirtableErrors.invalidValue(field.name(), "\"" + text + "\" is not a date (YYYY-MM-DD)");
        }
    }

    private static Object dateTime(Field field, JsonNode input) {
        if (!input.isTextual()) {
            throw AirtableErrors.invalidValue(field.name());
        }
        String text = input.asText().trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return CellValues.timestamp(parseInstant(text));
        } catch (DateTimeParseException e) {
            throw AirtableErrors.invalidValue(field.name(), "\"" + text + "\" is not an ISO 8601 date-time");
        }
    }

    /** Accepts an instant, an offset date-time, a local date-time (UTC) or a date (midnight UTC). */
    static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        }
    }

    private static String selectName(Field field, JsonNode input, WriteContext context) {
        if (input.isTextual()) {
            return input.asText();
        }
        if (context.typecast() && (input.isNumber() || input.isBoolean())) {
            return input.asText();
        }
        throw AirtableErrors.invalidValue(field.name());
    }

    private static String choice(Field field, String name, WriteContext context) {
        if (name.isEmpty()) {
            return null;
        }
        if (FieldOptions.choiceIndex(field, name) >= 0 || context.isPendingChoice(field, name)) {
            return name;
        }
        for (JsonNode choice : field.options().path("choices")) {
            if (choice.path("id").asText().equals(name)) {
                return choice.path("name").asText();
            }
        }
        if (!context.typecast()) {
            throw AirtableErrors.unknownSelectOption(name);
        }
        context.addChoiceLater(field, name);
        return name;
    }

    private static Object multipleSelects(Field field, JsonNode input, WriteContext context) {
        List<String> names = new ArrayList<>();
        if (input.isArray()) {
            for (JsonNode element : input) {
                names.add(selectName(field, element, context));
            }
        } else if (context.typecast() && input.isTextual()) {
            for (String part : input.asText().split(",")) {
                names.add(part.trim());
            }
        } else {
            throw AirtableErrors.invalidValue(field.name());
        }
        Set<String> result = new LinkedHashSet<>();
        for (String name : names) {
            String chosen = choice(field, name, context);
            if (chosen != null) {
                result.add(chosen);
            }
        }
        return result.isEmpty() ? null : List.copyOf(result);
    }

    private static Object links(Field field, JsonNode input, WriteContext context) {
        Table linked = context.base().table(field.linkedTableId()).orElseThrow();
        List<JsonNode> elements = new ArrayList<>();
        if (input.isArray()) {
            input.forEach(elements::add);
        } else if (context.typecast() && input.isTextual()) {
            elements.add(input);
        } else {
            throw AirtableErrors.invalidValue(field.name());
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode element : elements) {
            String reference = element.isObject() ? element.path("id").asText("") : element.asText("");
            if (!element.isTextual() && !element.isObject()) {
                throw AirtableErrors.invalidValue(field.name());
            }
            Optional<StoredRecord> target = linked.record(reference);
            if (target.isEmpty() && context.typecast()) {
                target = findByPrimaryValue(linked, reference);
            }
            ids.add(target.orElseThrow(() -> AirtableErrors.typed(422, "ROW_DOES_NOT_EXIST",
                    "Record ID " + reference + " does not exist in table " + linked.name()
                            + " (linked from field \"" + field.name() + "\")")).id());
        }
        return ids.isEmpty() ? null : List.copyOf(ids);
    }

    private static Optional<StoredRecord> findByPrimaryValue(Table table, String value) {
        String primaryId = table.primaryField().id();
        return table.records().stream()
                .filter(record -> record.get(primaryId) != null && String.valueOf(record.get(primaryId)).equals(value))
                .findFirst();
    }

    private Object attachments(Field field, JsonNode input, StoredRecord current) {
        if (!input.isArray()) {
            throw AirtableErrors.invalidValue(field.name(), "attachments must be an array of {url, filename} objects");
        }
        Map<String, Map<String, Object>> existing = new LinkedHashMap<>();
        if (current != null && current.get(field.id()) instanceof List<?> stored) {
            for (Object attachment : stored) {
                if (attachment instanceof Map<?, ?> map) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> typed = (Map<String, Object>) map;
                    existing.put(String.valueOf(map.get("id")), typed);
                }
            }
        }
        List<Object> result = new ArrayList<>();
        for (JsonNode element : input) {
            if (!element.isObject()) {
                throw AirtableErrors.invalidValue(field.name(), "each attachment must be an object");
            }
            String id = element.path("id").asText(null);
            if (id != null && existing.containsKey(id)) {
                result.add(existing.get(id));
            } else if (element.hasNonNull("url")) {
                result.add(newAttachment(element.get("url").asText(), element.path("filename").asText(null)));
            } else {
                throw AirtableErrors.invalidValue(field.name(),
                        "an attachment needs a \"url\", or the \"id\" of an attachment already in the cell");
            }
        }
        return result.isEmpty() ? null : result;
    }

    private Map<String, Object> newAttachment(String url, String filename) {
        String name = filename != null ? filename : lastPathSegment(url);
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("id", Ids.random("att"));
        attachment.put("url", url);
        attachment.put("filename", name);
        attachment.put("size", attachmentUrls.sizeOf(url));
        String type = URLConnection.guessContentTypeFromName(name);
        attachment.put("type", type == null ? "application/octet-stream" : type);
        return attachment;
    }

    private static String lastPathSegment(String url) {
        String path = url.replaceFirst("[?#].*$", "");
        String segment = path.substring(path.lastIndexOf('/') + 1);
        return segment.isEmpty() ? "attachment" : segment;
    }
}
