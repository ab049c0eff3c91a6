package io.pyairtable.sandbox.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Formulas outside the subset are rejected with a precise human message. */
class CompileErrorTest {

    static Stream<Arguments> badFormulas() {
        return Stream.of(
                // unbalanced parentheses
                arguments("AND({a}, {b}))", "Unexpected ')' at position 14"),
                arguments(")", "Unexpected ')' at position 1"),
                arguments("(1 + 2", "Unexpected end of formula, expected ')'"),
                arguments("AND(1, 2", "Unexpected end of formula, expected ')'"),
                arguments("()", "Unexpected ')' at position 2"),
                arguments("(1 2)", "Unexpected number 2 at position 4, expected ')'"),
                // unknown functions
                arguments("FOO(1)", "Unknown function FOO"),
                arguments("{a} = lower_case('x')", "Unknown function lower_case"),
                arguments("DATETIME_DIFF({a}, {b}, 'days')", "Unknown function DATETIME_DIFF"),
                arguments("IS_BEFORE ({a}, 1)", "Unknown function IS_BEFORE"),
                // wrong arity
                arguments("LEN('a', 'b')", "Wrong number of arguments to LEN (expected 1, got 2)"),
                arguments("len()", "Wrong number of arguments to LEN (expected 1, got 0)"),
                arguments("AND()", "Wrong number of arguments to AND (expected at least 1, got 0)"),
                arguments("OR()", "Wrong number of arguments to OR (expected at least 1, got 0)"),
                arguments("NOT(1, 2)", "Wrong number of arguments to NOT (expected 1, got 2)"),
                arguments("IF(1)", "Wrong number of arguments to IF (expected 2 or 3, got 1)"),
                arguments("IF(1, 2, 3, 4)", "Wrong number of arguments to IF (expected 2 or 3, got 4)"),
                arguments("FIND('a')", "Wrong number of arguments to FIND (expected 2 or 3, got 1)"),
                arguments("SEARCH('a', 'b', 1, 2)", "Wrong number of arguments to SEARCH (expected 2 or 3, got 4)"),
                arguments("ROUND(1)", "Wrong number of arguments to ROUND (expected 2, got 1)"),
                arguments("BLANK(1)", "Wrong number of arguments to BLANK (expected 0, got 1)"),
                arguments("TRUE(1)", "Wrong number of arguments to TRUE (expected 0, got 1)"),
                arguments("RECORD_ID(1)", "Wrong number of arguments to RECORD_ID (expected 0, got 1)"),
                arguments("CONCATENATE()", "Wrong number of arguments to CONCATENATE (expected at least 1, got 0)"),
                arguments("ABS()", "Wrong number of arguments to ABS (expected 1, got 0)"),
                arguments("VALUE('1', 2)", "Wrong number of arguments to VALUE (expected 1, got 2)"),
                // missing / extra arguments and operands
                arguments("AND(1,)", "Unexpected ')' at position 7"),
                arguments("AND(,1)", "Unexpected ',' at position 5"),
                arguments("1 +", "Unexpected end of formula"),
                arguments("* 2", "Unexpected '*' at position 1"),
                arguments("1 = = 2", "Unexpected '=' at position 5"),
                arguments("1, 2", "Unexpected ',' at position 2"),
                // unterminated strings and braces
                arguments("{a} = \"abc", "Unterminated string starting at position 7"),
                arguments("'abc", "Unterminated string starting at position 1"),
                arguments("\"abc\\\"", "Unterminated string starting at position 1"),
                arguments("'abc\\", "Unterminated string starting at position 1"),
                arguments("{Name = 'x'", "Unterminated field reference starting at position 1"),
                arguments("{Name\\}", "Unterminated field reference starting at position 1"),
                arguments("{}", "Empty field name at position 1"),
                // trailing garbage and stray characters
                arguments("1 = 1 x", "Unexpected 'x' at position 7"),
                arguments("{a} {b}", "Unexpected field reference at position 5"),
                arguments("'a' 'b'", "Unexpected string literal at position 5"),
                arguments("1 % 2", "Unexpected character '%' at position 3"),
                arguments("{a} == 1", "Unexpected '=' at position 6"),
                arguments("{a} <> 1", "Unexpected '>' at position 6"),
                arguments("!{a}", "Unexpected character '!' at position 1"),
                arguments("1 # 2", "Unexpected character '#' at position 3"),
                arguments("1 ; 2", "Unexpected character ';' at position 3"),
                arguments("1 \u0000", "Unexpected character U+0000 at position 3"),
                arguments("é", "Unexpected character 'é' at position 1"),
                arguments("1 \uD800", "Unexpected character U+D800 at position 3"),
                // numbers out of range
                arguments("1e400", "Number 1e400 at position 1 is out of range"),
                arguments("1e99999999999", "Number 1e99999999999 at position 1 is out of range"),
                // empty input
                arguments("", "Formula is empty"),
                arguments("  \n ", "Formula is empty"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("badFormulas")
    void rejectsWithMessage(String formula, String message) {
        assertThatThrownBy(() -> Formula.compile(formula))
                .isInstanceOf(FormulaException.class)
                .hasMessage(message);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> Formula.compile(null))
                .isInstanceOf(FormulaException.class)
                .hasMessage("Formula is missing");
    }

    @Test
    void rejectsFormulasLongerThanTheLimit() {
        String atLimit = "1" + " ".repeat(Formula.MAX_LENGTH - 1);
        assertThatCode(() -> Formula.compile(atLimit)).doesNotThrowAnyException();
        String tooLong = atLimit + " ";
        assertThatThrownBy(() -> Formula.compile(tooLong))
                .isInstanceOf(FormulaException.class)
                .hasMessage("Formula is too long (16385 characters, maximum is 16384)");
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        int depth = Formula.MAX_DEPTH;
        assertThatCode(() -> Formula.compile("(".repeat(depth) + "1" + ")".repeat(depth)))
                .doesNotThrowAnyException();
        assertThatCode(() -> Formula.compile("NOT(".repeat(depth) + "1" + ")".repeat(depth)))
                .doesNotThrowAnyException();
        assertThatCode(() -> Formula.compile("-".repeat(depth) + "1")).doesNotThrowAnyException();
    }

    @Test
    void rejectsNestingBeyondTheLimit() {
        int depth = Formula.MAX_DEPTH + 1;
        String message = "Formula is nested too deeply (more than 100 levels)";
        for (String formula : new String[] {
                "(".repeat(depth) + "1" + ")".repeat(depth),
                "NOT(".repeat(depth) + "1" + ")".repeat(depth),
                "-".repeat(depth) + "1",
                "(".repeat(8000),
                "AND(".repeat(4000),
                "-".repeat(16000) + "1"}) {
            assertThatThrownBy(() -> Formula.compile(formula))
                    .isInstanceOf(FormulaException.class)
                    .hasMessage(message);
        }
    }

    @Test
    void longFlatOperatorChainsAreNotNesting() throws FormulaException {
        String sum = "1" + " + 1".repeat(4000);
        Formula f = Formula.compile(sum);
        assertThat(f.evaluate(TestRecord.empty()))
                .isEqualTo(BigDecimal.valueOf(4001));
        String comparisons = "1" + "=1".repeat(8000);
        assertThat(Formula.compile(comparisons).matches(TestRecord.empty())).isTrue();
    }
}
