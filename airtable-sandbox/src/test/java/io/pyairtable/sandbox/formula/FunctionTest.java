package io.pyairtable.sandbox.formula;

import static io.pyairtable.sandbox.formula.FormulaAssertions.assertValue;
import static io.pyairtable.sandbox.formula.FormulaAssertions.compiled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every built-in function; {@code null} expected = BLANK or error. */
class FunctionTest {

    static Stream<Arguments> logical() {
        return Stream.of(
                arguments("AND(1)", true),
                arguments("AND(1, 'x', TRUE())", true),
                arguments("AND(1, 0)", false),
                arguments("AND(1, '')", false),
                arguments("AND(1, BLANK())", false),
                arguments("AND(1, 1 / 0)", null),
                arguments("OR(0)", false),
                arguments("OR(0, '', FALSE(), 'x')", true),
                arguments("OR(0, BLANK())", false),
                arguments("OR(1, 1 / 0)", null),
                arguments("NOT(0)", true),
                arguments("NOT('x')", false),
                arguments("NOT(BLANK())", true),
                arguments("NOT(1 / 0)", null),
                arguments("IF(1, 'yes', 'no')", "yes"),
                arguments("IF(0, 'yes', 'no')", "no"),
                arguments("IF(0, 'yes')", null),
                arguments("IF('', 1, 2)", 2),
                arguments("IF(1, 'ok', 1 / 0)", "ok"),
                arguments("IF(0, 1 / 0, 'ok')", "ok"),
                arguments("IF(1 / 0, 1, 2)", null),
                arguments("IF(1 = 1, IF(2 > 3, 'a', 'b'), 'c')", "b"),
                arguments("TRUE()", true),
                arguments("FALSE()", false),
                arguments("BLANK()", null));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("logical")
    void logical(String formula, Object expected) {
        assertValue(formula, TestRecord.empty(), expected);
    }

    static Stream<Arguments> text() {
        return Stream.of(
                arguments("FIND('b', 'abc')", 2),
                arguments("FIND('a', 'abc')", 1),
                arguments("FIND('z', 'abc')", 0),
                arguments("FIND('B', 'abc')", 0),
                arguments("FIND('a', 'banana', 2)", 4),
                arguments("FIND('a', 'banana', 0)", 2),
                arguments("FIND('a', 'banana', -5)", 2),
                arguments("FIND('a', 'banana', 99)", 0),
                arguments("FIND('', 'abc')", 1),
                arguments("FIND('a', BLANK())", 0),
                arguments("FIND('a', 'abc', 'x')", null),
                arguments("FIND(1, 'x10')", 2),
                arguments("SEARCH('B', 'abc')", 2),
                arguments("SEARCH('ABC', 'xxabcxx')", 3),
                arguments("SEARCH('z', 'abc')", null),
                arguments("SEARCH('A', 'banana', 2)", 4),
                arguments("SEARCH('É', 'café')", 4),
                arguments("LOWER('AbC É')", "abc é"),
                arguments("UPPER('AbC é')", "ABC É"),
                arguments("LOWER(BLANK())", ""),
                arguments("UPPER(2.50)", "2.5"),
                arguments("LEN('abc')", 3),
                arguments("LEN('')", 0),
                arguments("LEN(BLANK())", 0),
                arguments("LEN(12.50)", 4),
                arguments("LEN('💡')", 2),
                arguments("TRIM('  a b  ')", "a b"),
                arguments("TRIM('\\t\\na\\n')", "a"),
                arguments("CONCATENATE('a')", "a"),
                arguments("CONCATENATE('a', 1, TRUE(), BLANK(), 'z')", "a1TRUEz"),
                arguments("CONCATENATE('a', 1 / 0)", null),
                arguments("LOWER(1 / 0)", null));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("text")
    void text(String formula, Object expected) {
        assertValue(formula, TestRecord.empty(), expected);
    }

    static Stream<Arguments> numeric() {
        return Stream.of(
                arguments("ABS(-3.5)", 3.5),
                arguments("ABS(2)", 2),
                arguments("ABS('-4')", 4),
                arguments("ABS(BLANK())", 0),
                arguments("ABS('x')", null),
                arguments("ROUND(2.345, 2)", 2.35),
                arguments("ROUND(2.344, 2)", 2.34),
                arguments("ROUND(2.5, 0)", 3),
                arguments("ROUND(-2.5, 0)", -2),
                arguments("ROUND(-2.51, 0)", -3),
                arguments("ROUND(1234.5, -2)", 1200),
                arguments("ROUND(1250, -2)", 1300),
                arguments("ROUND(1.23456, 2.9)", 1.23),
                arguments("ROUND(7, 1000)", 7),
                arguments("ROUND(7, -1000)", 0),
                arguments("ROUND('x', 1)", null),
                arguments("VALUE('42')", 42),
                arguments("VALUE(' -3.5 ')", -3.5),
                arguments("VALUE('$1,000,000')", 1000000),
                arguments("VALUE('1e3')", 1000),
                arguments("VALUE(7)", 7),
                arguments("VALUE(TRUE())", 1),
                arguments("VALUE('')", null),
                arguments("VALUE('abc')", null),
                arguments("VALUE('12abc') = BLANK()", null));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("numeric")
    void numeric(String formula, Object expected) {
        assertValue(formula, TestRecord.empty(), expected);
    }

    @Test
    void recordIdReturnsTheIdOfTheEvaluatedRecord() {
        Formula f = compiled("RECORD_ID() = 'recB'");
        assertThat(f.matches(TestRecord.empty().withId("recA"))).isFalse();
        assertThat(f.matches(TestRecord.empty().withId("recB"))).isTrue();
        assertThat(compiled("RECORD_ID()").evaluate(TestRecord.empty().withId("recX"))).isEqualTo("recX");
    }

    @Test
    void functionsApplyToFieldValues() {
        TestRecord record = TestRecord.with("Name", "  Ada Lovelace ")
                .and("Tags", List.of("Math", "Computing"))
                .and("Count", 3);
        assertValue("TRIM(LOWER({Name}))", record, "ada lovelace");
        assertValue("FIND('Computing', {Tags}) > 0", record, true);
        assertValue("SEARCH('math', {Tags})", record, 1);
        assertValue("LEN({Tags})", record, 15);
        assertValue("ROUND({Count} / 7, 3)", record, 0.429);
        assertValue("IF({Count} > 2, 'many', 'few')", record, "many");
    }
}
