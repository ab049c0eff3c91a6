package io.pyairtable.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders cells for {@code cellFormat=string}: every value becomes the text the Airtable UI would
 * show, dates and times in the requested {@code timeZone}.
 */
final class CellFormatter {

    private final ZoneId zone;
    private final Locale locale;

    private CellFormatter(ZoneId zone, Locale locale) {
        this.zone = zone;
        this.locale = locale;
    }

    /** Airtable requires both parameters with {@code cellFormat=string}. */
    static CellFormatter of(String timeZone, String userLocale) {
        if (timeZone == null || timeZone.isBlank() || userLocale == null || userLocale.isBlank()) {
            throw AirtableErrors.invalidRequest(
                    "The timeZone and userLocale parameters are required when using string as the cellFormat");
        }
        try {
            return new CellFormatter(ZoneId.of(timeZone), Locale.forLanguageTag(userLocale.replace('_', '-')));
        } catch (DateTimeException e) {
            throw AirtableErrors.invalidRequest("Unknown timeZone \"" + timeZone + "\"");
        }
    }

    String format(Base base, Field field, Object value) {
        return switch (field.type()) {
            case NUMBER -> decimal(value, field.options().path("precision").asInt(0), false);
            case CURRENCY -> currency(field, value);
            case PERCENT -> decimal(CellValues.toBigDecimal((Number) value).movePointRight(2),
                    field.options().path("precision").asInt(0), false) + "%";
            case DURATION -> duration(((Number) value).longValue());
            case CHECKBOX -> "checked";
            case DATE -> date(field.options().path("dateFormat"), LocalDate.parse((String) value));
            case DATE_TIME, CREATED_TIME, LAST_MODIFIED_TIME -> dateTime(field.options(), (String) value);
            case MULTIPLE_RECORD_LINKS -> String.join(", ", CellReader.linkedNames(base, field, value));
            case MULTIPLE_ATTACHMENTS -> ((List<?>) value).stream()
                    .map(attachment -> ((Map<?, ?>) attachment).get("filename") + " ("
                            + ((Map<?, ?>) attachment).get("url") + ")")
                    .collect(Collectors.joining(", "));
            default -> plain(value);
        };
    }

    /** A simple text form: lists joined with ", ", numbers without exponent. */
    static String plain(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(CellFormatter::plain).collect(Collectors.joining(", "));
        }
        if (value instanceof Number number) {
            return CellValues.toBigDecimal(number).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    private static String decimal(Object value, int precision, boolean grouping) {
        BigDecimal number = CellValues.toBigDecimal((Number) value).setScale(precision, RoundingMode.HALF_UP);
        DecimalFormat format = new DecimalFormat(grouping ? "#,##0" : "0", DecimalFormatSymbols.getInstance(Locale.US));
        format.setMinimumFractionDigits(precision);
        format.setMaximumFractionDigits(precision);
        return format.format(number);
    }

    private static String currency(Field field, Object value) {
        String symbol = field.options().path("symbol").asText("$");
        String digits = decimal(value, field.options().path("precision").asInt(2), true);
        return digits.startsWith("-") ? "-" + symbol + digits.substring(1) : symbol + digits;
    }

    private static String duration(long seconds) {
        long absolute = Math.abs(seconds);
        return (seconds < 0 ? "-" : "") + absolute / 3600 + ":" + String.format(Locale.ROOT, "%02d", absolute % 3600 / 60);
    }

    private String date(JsonNode dateFormat, LocalDate date) {
        String pattern = switch (dateFormat.path("name").asText("iso")) {
            case "us" -> "M/d/yyyy";
            case "european" -> "d/M/yyyy";
            case "friendly" -> "MMMM d, yyyy";
            case "local" -> "US".equals(locale.getCountry()) || locale.getCountry().isEmpty() ? "M/d/yyyy" : "d/M/yyyy";
            default -> "yyyy-MM-dd";
        };
        return date.format(DateTimeFormatter.ofPattern(pattern, locale));
    }

    private String dateTime(JsonNode options, String timestamp) {
        ZonedDateTime local = Instant.parse(timestamp).atZone(zone);
        String time = options.path("timeFormat").path("name").asText("24hour").equals("12hour")
                ? local.format(DateTimeFormatter.ofPattern("h:mma", Locale.US)).toLowerCase(Locale.ROOT)
                : local.format(DateTimeFormatter.ofPattern("HH:mm"));
        return date(options.path("dateFormat"), local.toLocalDate()) + " " + time;
    }
}
