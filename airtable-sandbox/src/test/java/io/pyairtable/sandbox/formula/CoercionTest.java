package io.pyairtable.sandbox.formula;

import static io.pyairtable.sandbox.formula.FormulaAssertions.assertValue;
import static io.pyairtable.sandbox.formula.FormulaAssertions.compiled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How cell values are read and coerced. All rows evaluate against field {@code x}. */
class CoercionTest {

    private static final Map<String, Object> ADA =
            Map.of("id", "usr1", "email", "ada@example.com", "name", "Ada");
    private static final Map<String, Object> NAMELESS = Map.of("id", "usr2", "email", "bob@example.com");
    private static final Map<String, Object> ATTACHMENT =
            Map.of("id", "att1", "url", "https://example.com/a.png", "filename", "a.png");

    static Stream<Arguments> truthiness() {
        return Stream.of(
                arguments(null, false),
                arguments("", false),
                arguments("x", true),
                arguments(" ", true),
                arguments("0", true),
                arguments("FALSE", true),
                arguments(0, false),
                arguments(0L, false),
                arguments(0.0, false),
                arguments(new BigDecimal("0.00"), false),
                arguments(1, true),
                arguments(-0.5, true),
                arguments(Boolean.FALSE, false),
                arguments(Boolean.TRUE, true),
                arguments(List.of(), false),
                arguments(List.of("a"), true),
                arguments(ADA, true));
    }

    @ParameterizedTest(name = "{0} is truthy: {1}")
    @MethodSource("truthiness")
    void truthiness(Object cell, boolean truthy) {
        assertThat(compiled("{x}").matches(TestRecord.with("x", cell))).isEqualTo(truthy);
        assertThat(compiled("NOT({x})").matches(TestRecord.with("x", cell))).isEqualTo(!truthy);
    }

    static Stream<Arguments> cellValues() {
        return Stream.of(
                arguments("{x}", 42, 42),
                arguments("{x}", 42L, 42),
                arguments("{x}", 2.5, 2.5),
                arguments("{x}", 2.5f, 2.5),
                arguments("{x}", new BigDecimal("2.500"), 2.5),
                arguments("{x}", BigInteger.TEN, 10),
                arguments("{x}", (short) 3, 3),
                arguments("{x} + 1", 0.1, 1.1),
                arguments("{x} & ''", 2.50, "2.5"),
                arguments("{x} & ''", 1e21, "1000000000000000000000"),
                arguments("{x}", Double.NaN, null),
                arguments("{x} + 1", Double.POSITIVE_INFINITY, null),
                arguments("{x}", "text", "text"),
                arguments("{x}", Boolean.TRUE, true),
                arguments("{x} + 1", Boolean.TRUE, 2),
                arguments("{x} * 5", Boolean.FALSE, 0),
                arguments("{x} & ''", Boolean.TRUE, "TRUE"),
                arguments("{x}", ADA, "Ada"),
                arguments("{x}", NAMELESS, "bob@example.com"),
                arguments("{x}", ATTACHMENT, "a.png"),
                arguments("{x}", Map.of("id", "x"), null),
                arguments("{x} & ''", List.of("a", "b", "c"), "a, b, c"),
                arguments("{x} & ''", List.of(1, 2.5, true), "1, 2.5, TRUE"),
                arguments("{x} & ''", List.of(ADA, NAMELESS), "Ada, bob@example.com"),
                arguments("{x} & ''", List.of(ATTACHMENT), "a.png"),
                arguments("{x} & ''", List.of(List.of("a", "b"), "c"), "a, b, c"),
                arguments("{x} & ''", Arrays.asList("a", null, "b"), "a, , b"),
                arguments("{x} & ''", List.of(Double.NaN), "NaN"),
                arguments("{x} + 1", List.of(5), 6),
                arguments("{x} + 1", List.of(), 1),
                arguments("{x} + 1", List.of(1, 2), null),
                arguments("{x} = 'a, b'", List.of("a", "b"), true),
                arguments("{x} = 5", List.of(5), true),
                arguments("{x} > 4", List.of(5), true),
                arguments("{x} & ''", new StringBuilder("sb"), "sb"));
    }

    @ParameterizedTest(name = "{0} with x={1} → {2}")
    @MethodSource("cellValues")
    void cellValues(String formula, Object cell, Object expected) {
        assertValue(formula, TestRecord.with("x", cell), expected);
    }

    @Test
    void listCellsEvaluateToUnmodifiableListsOfFormulaValues() {
        Object value = compiled("{x}").evaluate(TestRecord.with("x", new ArrayList<>(List.of(1, "a", ADA))));
        assertThat(value).isInstanceOf(List.class);
        List<Object> list = new ArrayList<>((List<?>) value);
        assertThat(list).hasSize(3);
        assertThat((BigDecimal) list.get(0)).isEqualByComparingTo("1");
        assertThat(list.subList(1, 3)).containsExactly("a", "Ada");
        assertThat((List<?>) value).isUnmodifiable();
    }

    static Stream<Arguments> blankComparisons() {
        return Stream.of(
                arguments(null, true),
                arguments("", true),
                arguments(List.of(), true),
                arguments(Boolean.FALSE, true),
                arguments(" ", false),
                arguments("x", false),
                arguments(0, false),
                arguments(List.of("a"), false),
                arguments(Boolean.TRUE, false));
    }

    @ParameterizedTest(name = "x={0} equals BLANK(): {1}")
    @MethodSource("blankComparisons")
    void comparisonWithBlank(Object cell, boolean isBlank) {
        TestRecord record = TestRecord.with("x", cell);
        assertThat(compiled("{x} = BLANK()").matches(record)).isEqualTo(isBlank);
        assertThat(compiled("BLANK() = {x}").matches(record)).isEqualTo(isBlank);
        assertThat(compiled("{x} != BLANK()").matches(record)).isEqualTo(!isBlank);
    }

    @Test
    void numbersAreReturnedWithoutTrailingZerosOrExponent() {
        assertThat(compiled("{x}").evaluate(TestRecord.with("x", new BigDecimal("2.500"))))
                .hasToString("2.5");
        assertThat(compiled("1e3").evaluate(TestRecord.empty())).hasToString("1000");
        assertThat(compiled("{x} * 10").evaluate(TestRecord.with("x", 100))).hasToString("1000");
        assertThat(compiled("0.00").evaluate(TestRecord.empty())).hasToString("0");
    }

    @Test
    void missingFieldIsBlank() {
        assertValue("{nope}", TestRecord.empty(), null);
        assertValue("{nope} = ''", TestRecord.empty(), true);
        assertValue("{nope} & 'x'", TestRecord.empty(), "x");
        assertValue("{nope} + 1", TestRecord.empty(), 1);
    }

    @Test
    void checkboxFilters() {
        Formula checked = compiled("{Done}");
        Formula unchecked = compiled("{Done} = FALSE()");
        Formula notChecked = compiled("NOT({Done})");
        TestRecord on = TestRecord.with("Done", true);
        TestRecord off = TestRecord.with("Done", null);
        assertThat(checked.matches(on)).isTrue();
        assertThat(checked.matches(off)).isFalse();
        assertThat(unchecked.matches(on)).isFalse();
        assertThat(unchecked.matches(off)).isTrue();
        assertThat(notChecked.matches(off)).isTrue();
        assertThat(compiled("{Done} = TRUE()").matches(on)).isTrue();
        assertThat(compiled("{Done} = 1").matches(on)).isTrue();
    }

    @Test
    void numberFieldComparesNumericallyWithNumericText() {
        TestRecord record = TestRecord.with("Price", 10.0);
        assertThat(compiled("{Price} = '10'").matches(record)).isTrue();
        assertThat(compiled("{Price} = 10").matches(record)).isTrue();
        assertThat(compiled("{Price} > 9.99").matches(record)).isTrue();
        assertThat(compiled("{Price} >= '10.00'").matches(record)).isTrue();
        assertThat(compiled("{Price} < 2").matches(record)).isFalse();
    }

    @Test
    void textComparisonIsCaseSensitive() {
        TestRecord record = TestRecord.with("Name", "Alice");
        assertThat(compiled("{Name} = 'Alice'").matches(record)).isTrue();
        assertThat(compiled("{Name} = 'alice'").matches(record)).isFalse();
        assertThat(compiled("LOWER({Name}) = 'alice'").matches(record)).isTrue();
    }

    @Test
    void datesCompareAsIsoText() {
        TestRecord record = TestRecord.with("Due", "2024-03-15");
        assertThat(compiled("{Due} > '2024-03-01'").matches(record)).isTrue();
        assertThat(compiled("{Due} < '2024-03-01'").matches(record)).isFalse();
        assertThat(compiled("{Due} = '2024-03-15'").matches(record)).isTrue();
    }

    @Test
    void errorsAreFalsyAndEvaluateToNull() {
        Formula f = compiled("{x} / {y}");
        TestRecord zero = TestRecord.with("x", 1).and("y", 0);
        assertThat(f.matches(zero)).isFalse();
        assertThat(f.evaluate(zero)).isNull();
        assertThat(compiled("NOT({x} / {y})").evaluate(zero)).isNull();
        assertThat(compiled("{x} * 'abc'").matches(zero)).isFalse();
        for (double nonFinite : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            TestRecord record = TestRecord.with("x", nonFinite);
            assertThat(compiled("{x}").matches(record)).isFalse();
            assertThat(compiled("NOT({x})").matches(record)).isFalse();
            assertThat(compiled("{x} = BLANK()").matches(record)).isFalse();
        }
    }

    @Test
    void hugeTextResultsBecomeErrors() {
        String big = "x".repeat(600_000);
        TestRecord record = TestRecord.with("big", big);
        assertThat(compiled("LEN({big} & '')").evaluate(record)).isEqualTo(BigDecimal.valueOf(600_000));
        assertThat(compiled("{big} & {big}").evaluate(record)).isNull();
        assertThat(compiled("CONCATENATE({big}, {big})").evaluate(record)).isNull();
    }
}
