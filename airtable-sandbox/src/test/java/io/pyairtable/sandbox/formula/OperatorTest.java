package io.pyairtable.sandbox.formula;

import static io.pyairtable.sandbox.formula.FormulaAssertions.assertValue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Operators and precedence on constant formulas ({@code null} expected = BLANK or error). */
class OperatorTest {

    static Stream<Arguments> arithmetic() {
        return Stream.of(
                arguments("1 + 2", 3),
                arguments("5 - 7", -2),
                arguments("6 * 7", 42),
                arguments("7 / 2", 3.5),
                arguments("6 / 3 * 2", 4),
                arguments("1 / 3 * 3", new java.math.BigDecimal("0.9999999999999999999999999999999999")),
                arguments("0.1 + 0.2", 0.3),
                arguments("-2 * -3", 6),
                arguments("2 * -3", -6),
                arguments("1 - -1", 2),
                arguments("'3' + 4", 7),
                arguments("' 3 ' * 2", 6),
                arguments("'1e2' + 0", 100),
                arguments("TRUE() + TRUE()", 2),
                arguments("FALSE() * 5", 0),
                arguments("BLANK() + 1", 1),
                arguments("'' + 1", 1),
                arguments("-BLANK()", 0),
                arguments("1 / 0", null),
                arguments("0 / 0", null),
                arguments("(1 / 0) + 1", null),
                arguments("'abc' + 1", null),
                arguments("-'abc'", null),
                arguments("'1,5' * 1", null),
                arguments("1e300 * 1e300", null),
                arguments("1e-300 * 1e-300", 0));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("arithmetic")
    void arithmetic(String formula, Object expected) {
        assertValue(formula, TestRecord.empty(), expected);
    }

    static Stream<Arguments> concatenation() {
        return Stream.of(
                arguments("'a' & 'b'", "ab"),
                arguments("'n=' & 3", "n=3"),
                arguments("2.50 & ''", "2.5"),
                arguments("3.0 & ''", "3"),
                arguments("1e3 & ''", "1000"),
                arguments("0.000001 & ''", "0.000001"),
                arguments("-0.5 & ''", "-0.5"),
                arguments("0.0 & ''", "0"),
                arguments("7 / 2 & ''", "3.5"),
                arguments("1 / 3 & ''", "0.3333333333333333333333333333333333"),
                arguments("TRUE() & '|' & FALSE()", "TRUE|FALSE"),
                arguments("BLANK() & 'x' & BLANK()", "x"),
                arguments("1 & 2 = '12'", true),
                arguments("(1 / 0) & 'x'", null));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("concatenation")
    void concatenation(String formula, Object expected) {
        assertValue(formula, TestRecord.empty(), expected);
    }

    static Stream<Arguments> comparisons() {
        return Stream.of(
                arguments("1 = 1", true),
                arguments("1 = 1.0", true),
                arguments("1 != 2", true),
                arguments("1 != 1", false),
                arguments("1 < 2", true),
                arguments("2 < 1", false),
                arguments("2 > 1", true),
                arguments("2 <= 2", true),
                arguments("3 <= 2", false),
                arguments("2 >= 2", true),
                arguments("1 >= 2", false),
                arguments("9 < 10", true),
                arguments("'9' < '10'", false),
                arguments("'a' < 'b'", true),
                arguments("'B' < 'a'", true),
                arguments("'abc' = 'abc'", true),
                arguments("'abc' = 'ABC'", false),
                arguments("'abc' != 'ABC'", true),
                arguments("5 = '5'", true),
                arguments("'5.0' = 5", true),
                arguments("'5.0' = '5'", false),
                arguments("5 = 'five'", false),
                arguments("5 < '10'", true),
                arguments("TRUE() = 1", true),
                arguments("FALSE() = 0", true),
                arguments("TRUE() = TRUE", true),
                arguments("TRUE() > FALSE()", true),
                arguments("BLANK() = BLANK()", true),
                arguments("BLANK() = ''", true),
                arguments("'' = BLANK()", true),
                arguments("BLANK() = 0", false),
                arguments("BLANK() != 0", true),
                arguments("BLANK() = FALSE()", true),
                arguments("BLANK() < 1", true),
                arguments("BLANK() > -1", true),
                arguments("BLANK() < 'a'", true),
                arguments("BLANK() <= BLANK()", true),
                arguments("'2024-01-02' > '2024-01-01'", true),
                arguments("(1 / 0) = (1 / 0)", null),
                arguments("(1 / 0) != 1", null),
                arguments("(1 / 0) < 1", null));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("comparisons")
    void comparisons(String formula, Object expected) {
        assertValue(formula, TestRecord.empty(), expected);
    }

    static Stream<Arguments> precedence() {
        return Stream.of(
                arguments("1 + 2 * 3", 7),
                arguments("(1 + 2) * 3", 9),
                arguments("10 - 4 - 3", 3),
                arguments("10 - (4 - 3)", 9),
                arguments("24 / 4 / 2", 3),
                arguments("2 * 3 + 4 * 5", 26),
                arguments("-2 * 3", -6),
                arguments("-(2 + 3)", -5),
                arguments("1 + 2 & 3", "33"),
                arguments("1 & 2 + 3", "15"),
                arguments("'a' & 1 = 'a1'", true),
                arguments("1 + 1 = 2", true),
                arguments("2 = 1 + 1", true),
                arguments("1 < 2 = TRUE()", true),
                arguments("1 = 1 = 1", true),
                arguments("3 > 2 > 1", false),
                arguments("1 + 2 * 3 - 4 / 2 & '!' = '5!'", true));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("precedence")
    void precedence(String formula, Object expected) {
        assertValue(formula, TestRecord.empty(), expected);
    }
}
