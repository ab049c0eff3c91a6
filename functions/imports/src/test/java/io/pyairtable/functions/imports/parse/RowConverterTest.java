package io.pyairtable.functions.imports.parse;

import static io.pyairtable.functions.imports.parse.Tables.field;
import static io.pyairtable.functions.imports.parse.Tables.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.pyairtable.airtable.Schema.FieldSchema;
import io.pyairtable.airtable.Schema.TableSchema;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowConverterTest {

    private static final String CHOICES = "{\"choices\":[{\"id\":\"selAAAAAAAAAAAAAA\",\"name\":\"Lead\"},"
            + "{\"id\":\"selBBBBBBBBBBBBBB\",\"name\":\"Won\"},{\"name\":\"Lost, for now\"}]}";

    /** Converts one value for a field of this type; returns the converter's result. */
    private static RowConverter.Converted one(String type, String options, boolean typecast, Object value) {
        TableSchema table = table(field("F", type, options));
        Map<String, Object> values = new HashMap<>();
        values.put("F", value);
        return new RowConverter(table, null, typecast).convert(new SourceRow(7, values));
    }

    private static Object ok(String type, String options, Object value) {
        return ok(type, options, false, value);
    }

    private static Object ok(String type, String options, boolean typecast, Object value) {
        RowConverter.Converted converted = one(type, options, typecast, value);
        assertThat(converted.errors()).as("errors for %s %s", type, value).isEmpty();
        assertThat(converted.valid()).isTrue();
        return converted.fields().get("F");
    }

    private static RowError error(String type, String options, Object value) {
        return error(type, options, false, value);
    }

    private static RowError error(String type, String options, boolean typecast, Object value) {
        RowConverter.Converted converted = one(type, options, typecast, value);
        assertThat(converted.valid()).as("valid: %s %s → %s", type, value, converted.fields()).isFalse();
        assertThat(converted.fields()).doesNotContainKey("F");
        RowError error = converted.errors().get(0);
        assertThat(error.row()).isEqualTo(7);
        assertThat(error.column()).isEqualTo("F");
        assertThat(error.field()).isEqualTo("F");
        return error;
    }

    // ---- columns and mapping ----

    @Test
    void sameNameMappingExactThenCaseInsensitive() {
        TableSchema table = table(field("Name", "singleLineText"), field("Amount", "number", "{\"precision\":2}"));
        RowConverter converter = new RowConverter(table, null, false);
        assertThat(converter.checkColumns(List.of("Name", "amount"))).isEmpty();
        RowConverter.Converted row = converter.convert(new SourceRow(2, Map.of("Name", "Alice", "amount", "3")));
        assertThat(row.fields()).containsOnly(Map.entry("Name", "Alice"), Map.entry("Amount", new BigDecimal("3.00")));
    }

    @Test
    void explicitMappingByNameOrIdIgnoredColumnsAndFallbackForUnmentionedColumns() {
        FieldSchema name = field("Name", "singleLineText");
        FieldSchema amount = field("Amount", "number");
        TableSchema table = table(name, amount);
        Map<String, String> mapping = new HashMap<>();
        mapping.put("Client", "Name");
        mapping.put("Total", amount.id());
        mapping.put("Notes", "");
        RowConverter converter = new RowConverter(table, mapping, false);
        assertThat(converter.checkColumns(List.of("Client", "Total", "Notes"))).isEmpty();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Client", "Acme");
        values.put("Total", "12");
        values.put("Notes", "not sent");
        assertThat(converter.convert(new SourceRow(2, values)).fields())
                .containsExactly(Map.entry("Name", "Acme"), Map.entry("Amount", new BigDecimal("12")));
    }

    @Test
    void columnProblems() {
        TableSchema table = table(field("Name", "singleLineText"), field("Total", "formula"),
                field("Created", "createdTime"), field("Who", "lastModifiedBy"), field("Secret", "aiText"),
                field("Fancy", "someFutureType"));
        Map<String, String> mapping = new HashMap<>();
        mapping.put("Client", "Name");
        mapping.put("Nom", "Name");
        mapping.put("Ghost", "No such field");
        mapping.put("Unused", "Also missing");
        List<RowError> errors = new RowConverter(table, mapping, false)
                .checkColumns(List.of("Client", "Nom", "Ghost", "Stray", "Total", "Created", "Who", "Secret", "Fancy"));
        assertThat(errors).extracting(RowError::code).containsExactlyInAnyOrder("DUPLICATE_TARGET", "UNKNOWN_FIELD",
                "UNKNOWN_COLUMN", "READ_ONLY_FIELD", "READ_ONLY_FIELD", "READ_ONLY_FIELD", "READ_ONLY_FIELD",
                "UNSUPPORTED_FIELD_TYPE", "UNKNOWN_FIELD");
        assertThat(errors).allSatisfy(e -> assertThat(e.row()).isZero());
        RowError duplicate = errors.stream().filter(e -> e.code().equals("DUPLICATE_TARGET")).findFirst().orElseThrow();
        assertThat(duplicate.message()).contains("\"Client\"", "\"Nom\"", "\"Name\"");
        RowError unknown = errors.stream().filter(e -> e.code().equals("UNKNOWN_COLUMN")).findFirst().orElseThrow();
        assertThat(unknown.column()).isEqualTo("Stray");
        assertThat(unknown.message()).contains("\"Stray\"", "\"Deals\"");
        assertThat(errors).filteredOn(e -> e.code().equals("UNKNOWN_FIELD")).extracting(RowError::column)
                .containsExactlyInAnyOrder("Ghost", "Unused");
        // with typecast an unknown type passes strings through
        assertThat(new RowConverter(table, null, true).checkColumns(List.of("Fancy"))).isEmpty();
        assertThat(new RowConverter(table, null, true).convert(new SourceRow(2, Map.of("Fancy", "x"))).fields())
                .containsEntry("Fancy", "x");
    }

    @Test
    void ambiguousCaseInsensitiveNamesDoNotMatch() {
        TableSchema table = table(field("Name", "singleLineText"), field("NAME", "singleLineText"));
        assertThat(new RowConverter(table, null, false).checkColumns(List.of("name")))
                .extracting(RowError::code).containsExactly("UNKNOWN_COLUMN");
        assertThat(new RowConverter(table, null, false).checkColumns(List.of("Name", "NAME"))).isEmpty();
    }

    @Test
    void columnsFirstSeenInALaterJsonRecordAreCheckedOnTheRow() {
        TableSchema table = table(field("Name", "singleLineText"), field("Total", "formula"));
        RowConverter converter = new RowConverter(table, null, false);
        assertThat(converter.checkColumns(List.of("Name"))).isEmpty();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Name", "x");
        values.put("Extra", "y");
        values.put("Total", BigDecimal.ONE);
        values.put("Blank", "  ");
        RowConverter.Converted row = converter.convert(new SourceRow(9, values));
        assertThat(row.errors()).extracting(RowError::code).containsExactly("UNKNOWN_COLUMN", "READ_ONLY_FIELD");
        assertThat(row.errors()).extracting(RowError::row).containsOnly(9L);
        assertThat(row.fields()).containsExactly(Map.entry("Name", "x"));
    }

    @Test
    void emptyValuesAreLeftOut() {
        TableSchema table = table(field("A", "singleLineText"), field("B", "number"), field("C", "multipleSelects"),
                field("D", "checkbox"));
        Map<String, Object> values = new HashMap<>();
        values.put("A", "   ");
        values.put("B", null);
        values.put("C", List.of());
        values.put("D", "");
        RowConverter.Converted row = new RowConverter(table, null, false).convert(new SourceRow(2, values));
        assertThat(row.valid()).isTrue();
        assertThat(row.fields()).isEmpty();
    }

    @Test
    void everyErrorOfARowIsReported() {
        TableSchema table = table(field("N", "number"), field("D", "date"), field("E", "email"));
        RowConverter.Converted row = new RowConverter(table, null, false)
                .convert(new SourceRow(4, Map.of("N", "x", "D", "31/12/2024", "E", "nope")));
        assertThat(row.errors()).extracting(RowError::code)
                .containsExactlyInAnyOrder("INVALID_NUMBER", "INVALID_DATE", "INVALID_EMAIL");
        assertThat(row.fields()).isEmpty();
    }

    @Test
    void spreadsheetErrorCells() {
        RowError error = error("singleLineText", null, new CellError("#DIV/0!"));
        assertThat(error.code()).isEqualTo("CELL_ERROR");
        assertThat(error.message()).contains("#DIV/0!");
    }

    // ---- text types ----

    @Test
    void textTypes() {
        assertThat(ok("singleLineText", null, "  Alice  ")).isEqualTo("Alice");
        assertThat(ok("singleLineText", null, "two\nlines")).isEqualTo("two\nlines");
        assertThat(ok("multilineText", null, "  keep\n spaces ")).isEqualTo("  keep\n spaces ");
        assertThat(ok("richText", null, "**bold**")).isEqualTo("**bold**");
        assertThat(ok("phoneNumber", null, " +33 1 23 45 67 89 ")).isEqualTo("+33 1 23 45 67 89");
        assertThat(ok("url", null, " https://example.com/a?b=c ")).isEqualTo("https://example.com/a?b=c");
        assertThat(error("multilineText", null, "x".repeat(100_001)).code()).isEqualTo("VALUE_TOO_LONG");
        assertThat(ok("multilineText", null, "x".repeat(100_000))).isNotNull();
        // JSON scalars other than strings: only with typecast
        assertThat(error("singleLineText", null, new BigDecimal("42")).code()).isEqualTo("WRONG_TYPE");
        assertThat(ok("singleLineText", null, true, new BigDecimal("42"))).isEqualTo("42");
        assertThat(ok("singleLineText", null, true, Boolean.TRUE)).isEqualTo("true");
        assertThat(error("singleLineText", null, true, List.of("a")).code()).isEqualTo("WRONG_TYPE");
    }

    @Test
    void email() {
        assertThat(ok("email", null, " ada@example.com ")).isEqualTo("ada@example.com");
        for (String bad : List.of("ada", "ada@", "@example.com", "ada@example", "a da@example.com")) {
            RowError error = error("email", null, bad);
            assertThat(error.code()).isEqualTo("INVALID_EMAIL");
            assertThat(error.message()).contains("\"" + bad + "\"").contains("field \"F\"");
        }
    }

    // ---- numbers ----

    @Test
    void numbersPlainAndWithUnambiguousThousandsSeparators() {
        assertThat(ok("number", null, "1234.5")).isEqualTo(new BigDecimal("1234.5"));
        assertThat(ok("number", null, " -0.25 ")).isEqualTo(new BigDecimal("-0.25"));
        assertThat(ok("number", null, "+7")).isEqualTo(new BigDecimal("7"));
        assertThat(ok("number", null, ".5")).isEqualTo(new BigDecimal("0.5"));
        assertThat(ok("number", null, "1e3")).isEqualTo(new BigDecimal("1E+3"));
        assertThat(ok("number", null, "1,234.5")).isEqualTo(new BigDecimal("1234.5"));
        assertThat(ok("number", null, "1,234,567")).isEqualTo(new BigDecimal("1234567"));
        assertThat(ok("number", null, "-12,345,678.90")).isEqualTo(new BigDecimal("-12345678.90"));
        assertThat(ok("number", null, new BigDecimal("3.14159"))).isEqualTo(new BigDecimal("3.14159"));
    }

    @Test
    void numbersRejected() {
        for (String bad : List.of("abc", "1,5", "12,34.5", "1,2345", "1.234,5", "1 234", "NaN", "Infinity", "1e",
                "--1", "0x10", "1,234e3", "12%", "$5", ".", "-")) {
            RowError error = error("number", null, bad);
            assertThat(error.code()).as(bad).isEqualTo("INVALID_NUMBER");
            assertThat(error.message()).contains("is not a number");
        }
        assertThat(error("number", null, "1,234").message()).contains("ambiguous");
        assertThat(error("number", null, "1e400").code()).isEqualTo("INVALID_NUMBER");
        assertThat(error("number", null, new BigDecimal("1e400")).message()).contains("too large");
        assertThat(error("number", null, Boolean.TRUE).code()).isEqualTo("WRONG_TYPE");
        assertThat(error("number", null, List.of(1)).code()).isEqualTo("WRONG_TYPE");
    }

    @Test
    void precisionRoundsHalfUpForNumberAndCurrency() {
        assertThat(ok("number", "{\"precision\":0}", "2.5")).isEqualTo(new BigDecimal("3"));
        assertThat(ok("number", "{\"precision\":2}", "1.005")).isEqualTo(new BigDecimal("1.01"));
        assertThat(ok("number", "{\"precision\":2}", new BigDecimal("7"))).isEqualTo(new BigDecimal("7.00"));
        assertThat(ok("currency", "{\"precision\":2,\"symbol\":\"$\"}", "$1,234.567")).isEqualTo(new BigDecimal("1234.57"));
    }

    @Test
    void currencySymbols() {
        String usd = "{\"precision\":2,\"symbol\":\"$\"}";
        assertThat(ok("currency", usd, "-$5")).isEqualTo(new BigDecimal("-5.00"));
        assertThat(ok("currency", usd, "$-5")).isEqualTo(new BigDecimal("-5.00"));
        assertThat(ok("currency", usd, "12.5 €")).isEqualTo(new BigDecimal("12.50"));
        assertThat(ok("currency", "{\"precision\":0,\"symbol\":\"CHF\"}", "CHF 1,000,000")).isEqualTo(new BigDecimal("1000000"));
        assertThat(error("currency", usd, "$").code()).isEqualTo("INVALID_NUMBER");
        assertThat(error("currency", usd, "five dollars").message()).contains("currency symbol");
    }

    @Test
    void percentIsAFractionAndAPercentSignDividesBy100() {
        assertThat(ok("percent", "{\"precision\":1}", "50%")).isEqualTo(new BigDecimal("0.50"));
        assertThat(ok("percent", null, "12.5 %")).isEqualTo(new BigDecimal("0.125"));
        assertThat(ok("percent", null, "0.5")).isEqualTo(new BigDecimal("0.5"));
        assertThat(ok("percent", null, new BigDecimal("0.25"))).isEqualTo(new BigDecimal("0.25"));
        assertThat(error("percent", null, "%").code()).isEqualTo("INVALID_NUMBER");
    }

    @Test
    void durationInSecondsOrClockNotation() {
        String options = "{\"durationFormat\":\"h:mm\"}";
        assertThat(ok("duration", options, "1:30")).isEqualTo(new BigDecimal("5400"));
        assertThat(ok("duration", options, "0:00:45")).isEqualTo(new BigDecimal("45"));
        assertThat(ok("duration", options, "100:05:01.5")).isEqualTo(new BigDecimal("360301.5"));
        assertThat(ok("duration", options, "-0:30")).isEqualTo(new BigDecimal("-1800"));
        assertThat(ok("duration", options, "90")).isEqualTo(new BigDecimal("90"));
        assertThat(ok("duration", options, new BigDecimal("3600"))).isEqualTo(new BigDecimal("3600"));
        assertThat(error("duration", options, "1:75").code()).isEqualTo("INVALID_NUMBER");
        assertThat(error("duration", options, "an hour").message()).contains("h:mm");
    }

    @Test
    void ratingIsAWholeNumberFromOneToMax() {
        String max = "{\"max\":5,\"icon\":\"star\"}";
        assertThat(ok("rating", max, "5")).isEqualTo(5);
        assertThat(ok("rating", max, " 1 ")).isEqualTo(1);
        assertThat(ok("rating", max, "3.0")).isEqualTo(3);
        assertThat(ok("rating", max, new BigDecimal("2"))).isEqualTo(2);
        assertThat(ok("rating", "{\"max\":10}", "10")).isEqualTo(10);
        for (Object bad : List.<Object>of("0", "6", "2.5", "-1", "three", new BigDecimal("6"))) {
            RowError error = error("rating", max, bad);
            assertThat(error.code()).isEqualTo("INVALID_RATING");
            assertThat(error.message()).contains("from 1 to 5");
        }
    }

    // ---- checkbox ----

    @Test
    void checkboxWords() {
        for (String yes : List.of("true", "TRUE", "Yes", "y", "1", "x", "X", "✓", "✔", "checked", "on")) {
            assertThat(ok("checkbox", null, yes)).as(yes).isEqualTo(true);
        }
        for (String no : List.of("false", "No", "n", "0", "unchecked", "OFF")) {
            assertThat(ok("checkbox", null, no)).as(no).isEqualTo(false);
        }
        assertThat(ok("checkbox", null, Boolean.TRUE)).isEqualTo(true);
        assertThat(ok("checkbox", null, Boolean.FALSE)).isEqualTo(false);
        assertThat(error("checkbox", null, "maybe").code()).isEqualTo("INVALID_CHECKBOX");
        assertThat(error("checkbox", null, new BigDecimal("1")).code()).isEqualTo("WRONG_TYPE");
        assertThat(ok("checkbox", null, true, new BigDecimal("1"))).isEqualTo(true);
    }

    // ---- dates ----

    @Test
    void dates() {
        assertThat(ok("date", null, "2024-02-29")).isEqualTo("2024-02-29");
        assertThat(ok("date", null, "2024-12-31T23:30:00-05:00")).isEqualTo("2024-12-31");
        assertThat(ok("date", null, "2024-12-31T23:30:00Z")).isEqualTo("2024-12-31");
        assertThat(ok("date", null, "2024-12-31T08:15")).isEqualTo("2024-12-31");
        assertThat(ok("date", null, "2024-12-31 08:15:00")).isEqualTo("2024-12-31");
        for (String bad : List.of("12/31/2024", "31.12.2024", "2023-02-29", "2024-13-01", "tomorrow", "2024-1-5")) {
            RowError error = error("date", null, bad);
            assertThat(error.code()).as(bad).isEqualTo("INVALID_DATE");
            assertThat(error.message()).contains("YYYY-MM-DD");
        }
        assertThat(error("date", null, new BigDecimal("45292")).code()).isEqualTo("WRONG_TYPE");
    }

    @Test
    void dateTimesWithOffsetsOrInTheFieldsTimeZone() {
        String paris = "{\"timeZone\":\"Europe/Paris\",\"dateFormat\":{\"name\":\"iso\"}}";
        assertThat(ok("dateTime", paris, "2024-07-01T12:00:00Z")).isEqualTo("2024-07-01T12:00:00.000Z");
        assertThat(ok("dateTime", paris, "2024-07-01T12:00:00+02:00")).isEqualTo("2024-07-01T10:00:00.000Z");
        assertThat(ok("dateTime", paris, "2024-07-01T12:00")).isEqualTo("2024-07-01T10:00:00.000Z");
        assertThat(ok("dateTime", paris, "2024-01-01 12:00:30")).isEqualTo("2024-01-01T11:00:30.000Z");
        assertThat(ok("dateTime", paris, "2024-01-01")).isEqualTo("2023-12-31T23:00:00.000Z");
        assertThat(ok("dateTime", null, "2024-01-01T12:00:00.123")).isEqualTo("2024-01-01T12:00:00.123Z");
        assertThat(ok("dateTime", "{\"timeZone\":\"client\"}", "2024-01-01T12:00")).isEqualTo("2024-01-01T12:00:00.000Z");
        RowError error = error("dateTime", paris, "01/07/2024 12:00");
        assertThat(error.code()).isEqualTo("INVALID_DATE_TIME");
        assertThat(error.message()).contains("Europe/Paris");
    }

    // ---- selects ----

    @Test
    void singleSelect() {
        assertThat(ok("singleSelect", CHOICES, " Won ")).isEqualTo("Won");
        assertThat(ok("singleSelect", CHOICES, "won")).isEqualTo("Won");
        assertThat(ok("singleSelect", CHOICES, "selAAAAAAAAAAAAAA")).isEqualTo("Lead");
        RowError error = error("singleSelect", CHOICES, "Wonn");
        assertThat(error.code()).isEqualTo("INVALID_CHOICE");
        assertThat(error.message()).contains("\"Wonn\"", "Lead, Won, Lost, for now");
        assertThat(ok("singleSelect", CHOICES, true, "Brand new")).isEqualTo("Brand new");
        assertThat(error("singleSelect", CHOICES, new BigDecimal("1")).code()).isEqualTo("WRONG_TYPE");
    }

    @Test
    void multipleSelectsFromCommaListsJsonArraysAndLists() {
        assertThat(ok("multipleSelects", CHOICES, "Lead, won,Lead")).isEqualTo(List.of("Lead", "Won"));
        assertThat(ok("multipleSelects", CHOICES, "Lost, for now")).isEqualTo(List.of("Lost, for now"));
        assertThat(ok("multipleSelects", CHOICES, "[\"Lost, for now\",\"Won\"]")).isEqualTo(List.of("Lost, for now", "Won"));
        assertThat(ok("multipleSelects", CHOICES, List.of("Won", "Lead"))).isEqualTo(List.of("Won", "Lead"));
        assertThat(ok("multipleSelects", CHOICES, " , ")).isNull();
        RowError error = error("multipleSelects", CHOICES, "Lead, Foo, Bar");
        assertThat(error.code()).isEqualTo("INVALID_CHOICE");
        assertThat(error.message()).contains("\"Foo\", \"Bar\" are not options");
        assertThat(ok("multipleSelects", CHOICES, true, "Lead, Foo")).isEqualTo(List.of("Lead", "Foo"));
        assertThat(error("multipleSelects", CHOICES, Map.of("a", "b")).code()).isEqualTo("WRONG_TYPE");
    }

    // ---- links, attachments, barcode, collaborators ----

    @Test
    void recordLinks() {
        String a = "recAAAAAAAAAAAAAA";
        String b = "recBBBBBBBBBBBBB1";
        assertThat(ok("multipleRecordLinks", null, a + ", " + b)).isEqualTo(List.of(a, b));
        assertThat(ok("multipleRecordLinks", null, "[\"" + a + "\"]")).isEqualTo(List.of(a));
        assertThat(ok("multipleRecordLinks", null, List.of(a, Map.of("id", b)))).isEqualTo(List.of(a, b));
        RowError error = error("multipleRecordLinks", null, a + ", Acme Corp");
        assertThat(error.code()).isEqualTo("INVALID_LINK");
        assertThat(error.message()).contains("\"Acme Corp\"", "typecast");
        assertThat(error("multipleRecordLinks", null, "recSHORT").code()).isEqualTo("INVALID_LINK");
        assertThat(ok("multipleRecordLinks", null, true, "Acme Corp, " + a)).isEqualTo(List.of("Acme Corp", a));
        assertThat(error("multipleRecordLinks", null, new BigDecimal("3")).code()).isEqualTo("WRONG_TYPE");
    }

    @Test
    void attachmentsFromUrls() {
        assertThat(ok("multipleAttachments", null, "https://a.example/x.png, http://b.example/y.pdf"))
                .isEqualTo(List.of(Map.of("url", "https://a.example/x.png"), Map.of("url", "http://b.example/y.pdf")));
        assertThat(ok("multipleAttachments", null, "photo one.png (https://a.example/x.png), scan.pdf (https://b.example/y.pdf?dl=1)"))
                .isEqualTo(List.of(Map.of("url", "https://a.example/x.png", "filename", "photo one.png"),
                        Map.of("url", "https://b.example/y.pdf?dl=1", "filename", "scan.pdf")));
        assertThat(ok("multipleAttachments", null, List.of("https://a.example/x.png",
                Map.of("url", "https://b.example/y", "filename", "y.txt"))))
                .isEqualTo(List.of(Map.of("url", "https://a.example/x.png"), Map.of("url", "https://b.example/y", "filename", "y.txt")));
        assertThat(error("multipleAttachments", null, "file:///etc/passwd").code()).isEqualTo("INVALID_URL");
        assertThat(error("multipleAttachments", null, "not a url").code()).isEqualTo("INVALID_URL");
        assertThat(error("multipleAttachments", null, "x (https://a.example/x.png) junk").code()).isEqualTo("INVALID_URL");
        assertThat(error("multipleAttachments", null, List.of(BigDecimal.ONE)).code()).isEqualTo("WRONG_TYPE");
    }

    @Test
    void barcode() {
        assertThat(ok("barcode", null, " 4006381333931 ")).isEqualTo(Map.of("text", "4006381333931"));
        assertThat(ok("barcode", null, Map.of("text", "123", "type", "upce"))).isEqualTo(Map.of("text", "123", "type", "upce"));
        assertThat(error("barcode", null, List.of("x")).code()).isEqualTo("WRONG_TYPE");
    }

    @Test
    void collaborators() {
        assertThat(ok("singleCollaborator", null, " ada@example.com ")).isEqualTo(Map.of("email", "ada@example.com"));
        assertThat(ok("singleCollaborator", null, "usrAAAAAAAAAAAAAA")).isEqualTo(Map.of("id", "usrAAAAAAAAAAAAAA"));
        assertThat(ok("singleCollaborator", null, Map.of("email", "ada@example.com"))).isEqualTo(Map.of("email", "ada@example.com"));
        assertThat(error("singleCollaborator", null, "Ada Lovelace").code()).isEqualTo("INVALID_COLLABORATOR");
        assertThat(ok("multipleCollaborators", null, "ada@example.com, bob@example.com, ada@example.com"))
                .isEqualTo(List.of(Map.of("email", "ada@example.com"), Map.of("email", "bob@example.com")));
        assertThat(ok("multipleCollaborators", null, List.of("ada@example.com"))).isEqualTo(List.of(Map.of("email", "ada@example.com")));
        assertThat(error("multipleCollaborators", null, "ada@example.com, nobody").code()).isEqualTo("INVALID_COLLABORATOR");
    }

    @Test
    void unknownTypeNeedsTypecast() {
        assertThat(error("futureType", null, "x").code()).isEqualTo("UNSUPPORTED_FIELD_TYPE");
        assertThat(ok("futureType", null, true, "x")).isEqualTo("x");
    }

    @Test
    void readOnlyTypesAreRejectedPerRowToo() {
        for (String type : FieldRule.READ_ONLY_TYPES) {
            assertThat(error(type, null, "x").code()).as(type).isEqualTo("READ_ONLY_FIELD");
        }
    }
}
