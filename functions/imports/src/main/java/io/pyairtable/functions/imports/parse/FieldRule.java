package io.pyairtable.functions.imports.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.airtable.Schema.FieldSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How values become one field's Airtable value: the field's type and its parsed options. {@link #convert} returns
 * the value in the shape Airtable's records API accepts, or null for "leave the field out" (an empty value).
 */
final class FieldRule {
    /** Airtable's long text limit, applied to every text type. */
    static final int MAX_TEXT = 100_000;
    /** Airtable stores numbers as doubles; larger magnitudes are rejected rather than overflowing. */
    private static final BigDecimal LARGEST_NUMBER = new BigDecimal("1e300");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern RECORD_ID = Pattern.compile("rec[A-Za-z0-9]{14}");
    private static final Pattern USER_ID = Pattern.compile("usr[A-Za-z0-9]{14}");
    private static final Pattern DURATION = Pattern.compile("(-)?(\\d+):([0-5]?\\d)(?::([0-5]?\\d(?:\\.\\d{1,3})?))?");
    private static final Set<String> TRUE_WORDS = Set.of("true", "yes", "y", "1", "x", "✓", "✔", "checked", "on");
    private static final Set<String> FALSE_WORDS = Set.of("false", "no", "n", "0", "unchecked", "off");
    private static final String[] CURRENCY_SYMBOLS = {"$", "€", "£", "¥"};
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Types whose values Airtable computes; the records API rejects writes to them. */
    static final Set<String> READ_ONLY_TYPES = Set.of("formula", "rollup", "lookup", "multipleLookupValues", "count",
            "createdTime", "lastModifiedTime", "autoNumber", "createdBy", "lastModifiedBy", "button", "aiText",
            "externalSyncSource");
    /** Types this converter knows how to write. */
    static final Set<String> SUPPORTED_TYPES = Set.of("singleLineText", "multilineText", "richText", "email", "url",
            "phoneNumber", "number", "currency", "percent", "duration", "rating", "checkbox", "date", "dateTime",
            "singleSelect", "multipleSelects", "multipleRecordLinks", "multipleAttachments", "barcode",
            "singleCollaborator", "multipleCollaborators");

    private final FieldSchema field;
    private final String type;
    private final boolean typecast;
    private final int precision;
    private final int ratingMax;
    private final ZoneId zone;
    private final String zoneName;
    private final String currencySymbol;
    /** Choice name → name; lower-case name → name (null when two choices differ only in case); id → name. */
    private final Map<String, String> choices = new LinkedHashMap<>();
    private final Map<String, String> foldedChoices = new HashMap<>();
    private final Map<String, String> choiceIds = new HashMap<>();

    FieldRule(FieldSchema field, boolean typecast) {
        this.field = field;
        this.type = field.type() == null ? "" : field.type();
        this.typecast = typecast;
        JsonNode options = field.options();
        JsonNode precisionNode = options == null ? null : options.get("precision");
        this.precision = precisionNode != null && precisionNode.canConvertToInt() ? precisionNode.asInt() : -1;
        this.ratingMax = options == null ? 5 : options.path("max").asInt(5);
        String timeZone = options == null ? null : options.path("timeZone").asText(null);
        ZoneId parsed = ZoneOffset.UTC;
        if (timeZone != null && !timeZone.equals("client") && !timeZone.equalsIgnoreCase("utc")) {
            try {
                parsed = ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                parsed = ZoneOffset.UTC;
            }
        }
        this.zone = parsed;
        this.zoneName = parsed == ZoneOffset.UTC ? "UTC" : parsed.getId();
        String symbol = options == null ? null : options.path("symbol").asText(null);
        this.currencySymbol = symbol == null || symbol.isBlank() ? null : symbol.trim();
        if (options != null) {
            for (JsonNode choice : options.path("choices")) {
                String name = choice.path("name").asText(null);
                if (name == null) {
                    continue;
                }
                choices.putIfAbsent(name, name);
                String folded = name.toLowerCase(Locale.ROOT);
                if (foldedChoices.containsKey(folded) && !name.equals(foldedChoices.get(folded))) {
                    foldedChoices.put(folded, null);
                } else {
                    foldedChoices.put(folded, name);
                }
                String id = choice.path("id").asText(null);
                if (id != null) {
                    choiceIds.put(id, name);
                }
            }
        }
    }

    FieldSchema field() {
        return field;
    }

    String type() {
        return type;
    }

    /** The Airtable value for a non-empty source value, or null to leave the field out. */
    Object convert(Object value) throws ValueException {
        if (value instanceof CellError error) {
            throw new ValueException("CELL_ERROR", "the cell holds the spreadsheet error " + error.text()
                    + "; fix the formula or clear the cell");
        }
        return switch (type) {
            case "singleLineText", "phoneNumber", "url" -> text(value, true);
            case "multilineText", "richText" -> text(value, false);
            case "email" -> email(value);
            case "number", "currency", "percent" -> number(value);
            case "duration" -> duration(value);
            case "rating" -> rating(value);
            case "checkbox" -> checkbox(value);
            case "date" -> date(value);
            case "dateTime" -> dateTime(value);
            case "singleSelect" -> choice(scalarText(value));
            case "multipleSelects" -> multipleSelects(value);
            case "multipleRecordLinks" -> links(value);
            case "multipleAttachments" -> attachments(value);
            case "barcode" -> barcode(value);
            case "singleCollaborator" -> collaborator(value);
            case "multipleCollaborators" -> collaborators(value);
            default -> passThrough(value);
        };
    }

    // ---- text ----

    private String text(Object value, boolean trim) throws ValueException {
        String text = scalarText(value);
        String result = trim ? text.trim() : text;
        if (result.isEmpty()) {
            return null;
        }
        if (result.length() > MAX_TEXT) {
            throw new ValueException("VALUE_TOO_LONG", "the text has " + result.length() + " characters; Airtable"
                    + " allows " + MAX_TEXT);
        }
        return result;
    }

    /** A string, or with typecast a number or boolean as text; anything else is the wrong JSON type. */
    private String scalarText(Object value) throws ValueException {
        if (value instanceof String text) {
            return text;
        }
        if (typecast && value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        if (typecast && value instanceof Boolean bool) {
            return bool.toString();
        }
        throw wrongType(value, "text");
    }

    private String email(Object value) throws ValueException {
        String text = text(value, true);
        if (text != null && !isEmail(text)) {
            throw new ValueException("INVALID_EMAIL", Texts.quote(text) + " is not an email address (name@example.com)");
        }
        return text;
    }

    /**
     * The shape {@code local@domain.tld}: one {@code @} with text before it, a dot inside the domain (not first or
     * last), no whitespace (space, tab, line breaks, form feed, vertical tab).
     */
    static boolean isEmail(String text) {
        int at = text.indexOf('@');
        if (at <= 0 || text.indexOf('@', at + 1) >= 0) {
            return false;
        }
        boolean dot = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B') {
                return false;
            }
            if (c == '.' && i > at + 1 && i < text.length() - 1) {
                dot = true;
            }
        }
        return dot;
    }

    // ---- numbers ----

    private BigDecimal number(Object value) throws ValueException {
        BigDecimal number;
        if (value instanceof BigDecimal decimal) {
            number = decimal;
        } else if (value instanceof String raw) {
            String text = raw.trim();
            if (text.isEmpty()) {
                return null;
            }
            number = parseNumberText(text);
        } else {
            throw wrongType(value, "a number");
        }
        checkMagnitude(number);
        if (precision >= 0 && (type.equals("number") || type.equals("currency"))) {
            number = number.setScale(precision, RoundingMode.HALF_UP);
        }
        return number;
    }

    private BigDecimal parseNumberText(String text) throws ValueException {
        String body = text;
        boolean negative = false;
        if (body.startsWith("-") || body.startsWith("+")) {
            negative = body.startsWith("-");
            body = body.substring(1).trim();
        }
        if (type.equals("currency")) {
            String stripped = stripCurrency(body);
            if (stripped != body) {
                body = stripped;
                if (!negative && (body.startsWith("-") || body.startsWith("+"))) {
                    negative = body.startsWith("-");
                    body = body.substring(1).trim();
                }
            }
        }
        boolean percent = false;
        if (type.equals("percent") && body.endsWith("%")) {
            percent = true;
            body = body.substring(0, body.length() - 1).trim();
        }
        BigDecimal number = body.startsWith("-") || body.startsWith("+") ? null : Numbers.parse(body);
        if (number == null) {
            String hint = Numbers.ambiguousThousands(body)
                    ? "ambiguous: write 1234 or 1,234.0 for one thousand two hundred thirty-four, 1.234 for one point"
                            + " two three four"
                    : Numbers.EXPECTED + (type.equals("percent") ? ", optionally followed by %" : "")
                            + (type.equals("currency") ? ", optionally with a currency symbol" : "");
            throw new ValueException("INVALID_NUMBER", Texts.quote(text) + " is not a number: " + hint);
        }
        if (percent) {
            number = number.movePointLeft(2);
        }
        return negative ? number.negate() : number;
    }

    private String stripCurrency(String body) {
        List<String> symbols = new ArrayList<>();
        if (currencySymbol != null) {
            symbols.add(currencySymbol);
        }
        symbols.addAll(List.of(CURRENCY_SYMBOLS));
        for (String symbol : symbols) {
            if (body.startsWith(symbol)) {
                return body.substring(symbol.length()).trim();
            }
            if (body.endsWith(symbol)) {
                return body.substring(0, body.length() - symbol.length()).trim();
            }
        }
        return body;
    }

    private static void checkMagnitude(BigDecimal number) throws ValueException {
        if (number.abs().compareTo(LARGEST_NUMBER) > 0) {
            throw new ValueException("INVALID_NUMBER", "the number " + Texts.excerpt(number.toString())
                    + " is too large (Airtable allows up to 1e300)");
        }
    }

    /** Seconds: a number, or {@code h:mm}, {@code h:mm:ss}, {@code h:mm:ss.SSS}. */
    private BigDecimal duration(Object value) throws ValueException {
        if (value instanceof String raw) {
            String text = raw.trim();
            if (text.isEmpty()) {
                return null;
            }
            var matcher = DURATION.matcher(text);
            if (matcher.matches()) {
                BigDecimal seconds = new BigDecimal(matcher.group(2)).multiply(BigDecimal.valueOf(3600))
                        .add(new BigDecimal(matcher.group(3)).multiply(BigDecimal.valueOf(60)));
                if (matcher.group(4) != null) {
                    seconds = seconds.add(new BigDecimal(matcher.group(4)));
                }
                return matcher.group(1) != null ? seconds.negate() : seconds;
            }
            BigDecimal number = Numbers.parse(text);
            if (number == null) {
                throw new ValueException("INVALID_NUMBER", Texts.quote(text) + " is not a duration: expected h:mm,"
                        + " h:mm:ss (e.g. 1:30:00) or a number of seconds");
            }
            checkMagnitude(number);
            return number;
        }
        if (value instanceof BigDecimal number) {
            checkMagnitude(number);
            return number;
        }
        throw wrongType(value, "a duration");
    }

    private Integer rating(Object value) throws ValueException {
        BigDecimal number;
        if (value instanceof BigDecimal decimal) {
            number = decimal;
        } else if (value instanceof String raw) {
            String text = raw.trim();
            if (text.isEmpty()) {
                return null;
            }
            number = Numbers.parse(text);
        } else {
            throw wrongType(value, "a rating");
        }
        if (number == null || number.stripTrailingZeros().scale() > 0 || number.compareTo(BigDecimal.ONE) < 0
                || number.compareTo(BigDecimal.valueOf(ratingMax)) > 0) {
            throw new ValueException("INVALID_RATING", Texts.quote(String.valueOf(value))
                    + " is not a rating: expected a whole number from 1 to " + ratingMax);
        }
        return number.intValueExact();
    }

    // ---- checkbox, dates ----

    private Boolean checkbox(Object value) throws ValueException {
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof String raw) {
            String text = raw.trim().toLowerCase(Locale.ROOT);
            if (text.isEmpty()) {
                return null;
            }
            if (TRUE_WORDS.contains(text)) {
                return Boolean.TRUE;
            }
            if (FALSE_WORDS.contains(text)) {
                return Boolean.FALSE;
            }
            throw new ValueException("INVALID_CHECKBOX", Texts.quote(raw) + " is not a checkbox value: expected"
                    + " true/false, yes/no, y/n, 1/0, x, ✓, checked/unchecked or on/off (or an empty cell)");
        }
        if (typecast && value instanceof BigDecimal number) {
            return number.signum() != 0;
        }
        throw wrongType(value, "true or false");
    }

    private String date(Object value) throws ValueException {
        if (!(value instanceof String raw)) {
            throw wrongType(value, "a date string");
        }
        String text = raw.trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return IsoTimes.date(text, 0) != null ? text : LocalDate.parse(text).toString();
            }
            String iso = isoSeparator(text);
            if (hasOffset(iso)) {
                return OffsetDateTime.parse(iso).toLocalDate().toString();
            }
            LocalDateTime fast = IsoTimes.localDateTime(iso);
            return (fast != null ? fast : LocalDateTime.parse(iso)).toLocalDate().toString();
        } catch (DateTimeParseException e) {
            throw new ValueException("INVALID_DATE", Texts.quote(text)
                    + " is not a date: expected YYYY-MM-DD (e.g. 2024-12-31), or an ISO 8601 date-time whose date is"
                    + " taken");
        }
    }

    private String dateTime(Object value) throws ValueException {
        if (!(value instanceof String raw)) {
            throw wrongType(value, "a date-time string");
        }
        String text = raw.trim();
        if (text.isEmpty()) {
            return null;
        }
        String iso = isoSeparator(text);
        Instant instant;
        try {
            LocalDateTime fastUtc = iso.endsWith("Z") ? IsoTimes.localDateTime(iso.substring(0, iso.length() - 1)) : null;
            if (fastUtc != null) {
                instant = fastUtc.toInstant(ZoneOffset.UTC);
            } else if (hasOffset(iso)) {
                instant = OffsetDateTime.parse(iso).toInstant();
            } else if (iso.length() > 10) {
                LocalDateTime local = IsoTimes.localDateTime(iso);
                instant = (local != null ? local : LocalDateTime.parse(iso)).atZone(zone).toInstant();
            } else {
                instant = LocalDate.parse(iso).atStartOfDay(zone).toInstant();
            }
        } catch (DateTimeParseException e) {
            throw new ValueException("INVALID_DATE_TIME", Texts.quote(text) + " is not a date-time: expected"
                    + " ISO 8601 such as 2024-12-31T14:30:00Z or 2024-12-31T14:30:00+01:00, or"
                    + " 2024-12-31 14:30 read in the field's time zone (" + zoneName + ")");
        }
        String formatted = IsoTimes.timestamp(instant);
        return formatted != null ? formatted : TIMESTAMP.format(instant);
    }

    /** Whether an ISO date-time text ends with {@code Z} or a {@code ±hh:mm} offset (checked after the date part). */
    private static boolean hasOffset(String iso) {
        if (iso.length() <= 10) {
            return false;
        }
        char last = iso.charAt(iso.length() - 1);
        if (last == 'Z' || last == 'z') {
            return true;
        }
        for (int i = 11; i < iso.length(); i++) {
            char c = iso.charAt(i);
            if (c == '+' || c == '-') {
                return true;
            }
        }
        return false;
    }

    /** {@code 2024-12-31 14:30} → {@code 2024-12-31T14:30}: a space between date and time is common in exports. */
    private static String isoSeparator(String text) {
        if (text.length() > 11 && text.charAt(10) == ' ' && text.charAt(4) == '-') {
            return text.substring(0, 10) + 'T' + text.substring(11).trim();
        }
        return text;
    }

    // ---- selects ----

    /** The choice's name for a non-empty text, or null when empty. */
    private String choice(String raw) throws ValueException {
        String text = raw.trim();
        if (text.isEmpty()) {
            return null;
        }
        String name = resolveChoice(text);
        if (name != null) {
            return name;
        }
        if (typecast) {
            return text;
        }
        throw new ValueException("INVALID_CHOICE", Texts.quote(text) + " is not an option of this field (options: "
                + optionList() + "); turn on typecast to add new options");
    }

    private String resolveChoice(String text) {
        String exact = choices.get(text);
        if (exact != null) {
            return exact;
        }
        String folded = foldedChoices.get(text.toLowerCase(Locale.ROOT));
        if (folded != null) {
            return folded;
        }
        return choiceIds.get(text);
    }

    private String optionList() {
        if (choices.isEmpty()) {
            return "none";
        }
        List<String> names = new ArrayList<>(choices.keySet());
        String shown = String.join(", ", names.subList(0, Math.min(10, names.size())));
        return names.size() > 10 ? shown + ", … " + (names.size() - 10) + " more" : shown;
    }

    private List<String> multipleSelects(Object value) throws ValueException {
        List<String> parts;
        if (value instanceof String raw) {
            String text = raw.trim();
            if (text.isEmpty()) {
                return null;
            }
            List<String> array = jsonArrayOfStrings(text);
            if (array != null) {
                parts = array;
            } else if (resolveChoice(text) != null) {
                parts = List.of(text); // an option whose name contains a comma
            } else {
                parts = List.of(text.split(","));
            }
        } else if (value instanceof List<?> list) {
            parts = new ArrayList<>();
            for (Object element : list) {
                if (element != null) {
                    parts.add(scalarText(element));
                }
            }
        } else {
            throw wrongType(value, "an array of option names or a comma-separated list");
        }
        Set<String> result = new LinkedHashSet<>();
        List<String> invalid = new ArrayList<>();
        for (String part : parts) {
            String text = part.trim();
            if (text.isEmpty()) {
                continue;
            }
            String name = resolveChoice(text);
            if (name == null && typecast) {
                name = text;
            }
            if (name == null) {
                invalid.add(Texts.quote(text));
            } else {
                result.add(name);
            }
        }
        if (!invalid.isEmpty()) {
            throw new ValueException("INVALID_CHOICE", String.join(", ", invalid)
                    + (invalid.size() == 1 ? " is not an option" : " are not options") + " of this field (options: "
                    + optionList() + "); turn on typecast to add new options");
        }
        return result.isEmpty() ? null : List.copyOf(result);
    }

    // ---- links, attachments, barcode, collaborators ----

    private List<String> links(Object value) throws ValueException {
        List<String> references = new ArrayList<>();
        if (value instanceof String raw) {
            String text = raw.trim();
            List<String> array = jsonArrayOfStrings(text);
            references.addAll(array != null ? array : List.of(text.split(",")));
        } else if (value instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof Map<?, ?> map && map.get("id") instanceof String id) {
                    references.add(id);
                } else if (element != null) {
                    references.add(scalarText(element));
                }
            }
        } else {
            throw wrongType(value, "an array of record ids or a comma-separated list");
        }
        Set<String> result = new LinkedHashSet<>();
        for (String reference : references) {
            String text = reference.trim();
            if (text.isEmpty()) {
                continue;
            }
            if (!typecast && !RECORD_ID.matcher(text).matches()) {
                throw new ValueException("INVALID_LINK", Texts.quote(text) + " is not a record id (rec followed by 14"
                        + " letters or digits); turn on typecast to link records by their primary field's value");
            }
            result.add(text);
        }
        return result.isEmpty() ? null : List.copyOf(result);
    }

    private static final Pattern AIRTABLE_ATTACHMENT = Pattern.compile("\\s*(.*?)\\s*\\((https?://[^\\s)]+)\\)\\s*(?:,|$)");

    private List<Map<String, Object>> attachments(Object value) throws ValueException {
        List<Map<String, Object>> result = new ArrayList<>();
        if (value instanceof String raw) {
            String text = raw.trim();
            List<String> array = jsonArrayOfStrings(text);
            if (array != null) {
                for (String url : array) {
                    addAttachment(result, url, null);
                }
            } else if (text.contains("(http")) {
                // Airtable's CSV export: "photo.png (https://…), scan.pdf (https://…)"
                var matcher = AIRTABLE_ATTACHMENT.matcher(text);
                int end = 0;
                while (end < text.length()) {
                    matcher.region(end, text.length());
                    if (!matcher.lookingAt()) {
                        throw new ValueException("INVALID_URL", Texts.quote(text) + " is not a list of attachments:"
                                + " expected URLs separated by commas, or \"name (URL), …\" as Airtable exports them");
                    }
                    addAttachment(result, matcher.group(2), matcher.group(1).isEmpty() ? null : matcher.group(1));
                    end = matcher.end();
                }
            } else {
                for (String url : text.split("[,\\s]+")) {
                    if (!url.isEmpty()) {
                        addAttachment(result, url, null);
                    }
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof String url) {
                    addAttachment(result, url.trim(), null);
                } else if (element instanceof Map<?, ?> map && map.get("url") instanceof String url) {
                    addAttachment(result, url.trim(), map.get("filename") instanceof String name ? name : null);
                } else if (element != null) {
                    throw wrongType(element, "a URL or an object with \"url\"");
                }
            }
        } else {
            throw wrongType(value, "URLs");
        }
        return result.isEmpty() ? null : result;
    }

    private static void addAttachment(List<Map<String, Object>> result, String url, String filename)
            throws ValueException {
        String trimmed = url.trim();
        boolean valid;
        try {
            URI uri = new URI(trimmed);
            valid = uri.getScheme() != null
                    && (uri.getScheme().equalsIgnoreCase("https") || uri.getScheme().equalsIgnoreCase("http"))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            valid = false;
        }
        if (!valid) {
            throw new ValueException("INVALID_URL", Texts.quote(trimmed) + " is not an http(s) URL; an attachment is"
                    + " given by a public URL Airtable downloads");
        }
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("url", trimmed);
        if (filename != null && !filename.isBlank()) {
            attachment.put("filename", filename.trim());
        }
        result.add(attachment);
    }

    private Map<String, Object> barcode(Object value) throws ValueException {
        if (value instanceof Map<?, ?> map && map.get("text") instanceof String text) {
            Map<String, Object> barcode = new LinkedHashMap<>();
            barcode.put("text", text);
            if (map.get("type") instanceof String kind) {
                barcode.put("type", kind);
            }
            return text.isEmpty() ? null : barcode;
        }
        String text = text(value, true);
        return text == null ? null : Map.of("text", text);
    }

    private Map<String, Object> collaborator(Object value) throws ValueException {
        if (value instanceof Map<?, ?> map) {
            if (map.get("id") instanceof String id && USER_ID.matcher(id.trim()).matches()) {
                return Map.of("id", id.trim());
            }
            if (map.get("email") instanceof String email) {
                return collaborator(email);
            }
            throw new ValueException("INVALID_COLLABORATOR", "a collaborator object needs an \"email\" or a user"
                    + " \"id\" (usr…)");
        }
        if (!(value instanceof String raw)) {
            throw wrongType(value, "an email address");
        }
        String text = raw.trim();
        if (text.isEmpty()) {
            return null;
        }
        if (USER_ID.matcher(text).matches()) {
            return Map.of("id", text);
        }
        if (!isEmail(text)) {
            throw new ValueException("INVALID_COLLABORATOR", Texts.quote(text) + " is not a collaborator: expected the"
                    + " email address of a base collaborator (or a user id usr…)");
        }
        return Map.of("email", text);
    }

    private List<Map<String, Object>> collaborators(Object value) throws ValueException {
        List<Object> parts = new ArrayList<>();
        if (value instanceof String raw) {
            List<String> array = jsonArrayOfStrings(raw.trim());
            parts.addAll(array != null ? array : List.of(raw.split(",")));
        } else if (value instanceof List<?> list) {
            parts.addAll(list);
        } else {
            throw wrongType(value, "email addresses");
        }
        List<Map<String, Object>> result = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (Object part : parts) {
            if (part == null) {
                continue;
            }
            Map<String, Object> collaborator = collaborator(part);
            if (collaborator != null && seen.add(collaborator)) {
                result.add(collaborator);
            }
        }
        return result.isEmpty() ? null : result;
    }

    private Object passThrough(Object value) throws ValueException {
        if (!typecast) {
            throw new ValueException("UNSUPPORTED_FIELD_TYPE", "fields of type " + type + " cannot be imported;"
                    + " turn on typecast to send the text as it is");
        }
        if (value instanceof String text) {
            return text.isBlank() ? null : text;
        }
        return value;
    }

    // ---- helpers ----

    /** A JSON array of scalars written in a cell ({@code ["a","b"]}), as strings; null if the text is not one. */
    private static List<String> jsonArrayOfStrings(String text) {
        if (!text.startsWith("[") || !text.endsWith("]")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (!node.isArray()) {
                return null;
            }
            List<String> result = new ArrayList<>();
            for (JsonNode element : node) {
                if (element.isObject() && element.path("id").isTextual()) {
                    result.add(element.get("id").asText());
                } else if (element.isObject() && element.path("url").isTextual()) {
                    result.add(element.get("url").asText());
                } else if (element.isValueNode() && !element.isNull()) {
                    result.add(element.asText());
                } else {
                    return null;
                }
            }
            return result;
        } catch (IOException e) {
            return null;
        }
    }

    private static ValueException wrongType(Object value, String expected) {
        return new ValueException("WRONG_TYPE", "expected " + expected + ", got " + describe(value));
    }

    static String describe(Object value) {
        if (value instanceof String text) {
            return "the text " + Texts.quote(text);
        }
        if (value instanceof BigDecimal number) {
            return "the number " + Texts.excerpt(number.toPlainString());
        }
        if (value instanceof Boolean bool) {
            return "the boolean " + bool;
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
