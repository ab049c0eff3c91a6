package io.pyairtable.sandbox.formula;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Escaping round-trips and robustness of the parser and evaluator against arbitrary input. */
class FormulaPropertiesTest {

    // ------------------------------------------------------------------ escaping helpers

    static String doubleQuoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String singleQuoted(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    static String fieldRef(String name) {
        return "{" + name.replace("\\", "\\\\").replace("}", "\\}") + "}";
    }

    // ------------------------------------------------------------------ generators

    /** Strings rich in characters that matter to the lexer, plus arbitrary UTF-16 units. */
    @Provide
    Arbitrary<String> tricky() {
        Arbitrary<Character> special = Arbitraries.of(
                '"', '\'', '\\', '{', '}', '(', ')', ',', '\n', '\r', '\t', ' ', '&', '=', 'n', 't', '\u0000');
        Arbitrary<Character> anyChar = Arbitraries.chars().all();
        Arbitrary<Character> letters = Arbitraries.chars().alpha().numeric().with('é', 'ß', 'İ', 'ı', '€');
        Arbitrary<String> emoji = Arbitraries.of("💡", "👩‍💻", "\uD83D", "\uDE00");
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(4, special.map(String::valueOf)),
                Tuple.of(3, anyChar.map(String::valueOf)),
                Tuple.of(4, letters.map(String::valueOf)),
                Tuple.of(1, emoji));
        return piece.list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> trickyNames() {
        return tricky().filter(name -> !name.isEmpty());
    }

    /** Token soup: mostly-valid formula fragments glued together at random. */
    @Provide
    Arbitrary<String> formulaSoup() {
        Arbitrary<String> token = Arbitraries.of(
                "(", ")", ",", "{a}", "{b}", "{c}", "x", "'s'", "\"t\"", "''", "1", "0", "2.5", ".5", "1e3",
                "1e308", "9e307", "-", "+", "*", "/", "&", "=", "!=", "<", ">", "<=", ">=", "AND(", "or(",
                "IF(", "NOT(", "FIND(", "SEARCH(", "LOWER(", "UPPER(", "LEN(", "TRIM(", "BLANK()", "TRUE",
                "FALSE()", "RECORD_ID()", "CONCATENATE(", "ABS(", "ROUND(", "VALUE(", "FOO(", "\\", "'", "\"",
                "{", "}", "!", " ", "\n", "é");
        return token.list().ofMaxSize(30).map(tokens -> String.join("", tokens));
    }

    @Provide
    Arbitrary<Object> cells() {
        return Arbitraries.of(Arrays.asList(
                null, "", " ", "abc", "ABC", "5", "5.0", "-2", "1e400", "x,y", 0, 1, -7L, 3.5, 1e300, -1e-300,
                Double.NaN, Double.NEGATIVE_INFINITY, new BigDecimal("1E+400"), new BigDecimal("1E-400"),
                new BigDecimal("123456789012345678901234567890123456789"), true, false,
                List.of(), List.of("a", "b"), List.of(5), Arrays.asList(null, 1.5, Map.of("name", "N")),
                Map.of("name", "Ada", "email", "a@x"), Map.of("filename", "f.png"), Map.of()));
    }

    // ------------------------------------------------------------------ escaping round-trips

    @Property(tries = 500)
    void doubleQuotedLiteralEvaluatesToTheOriginalString(@ForAll("tricky") String s) throws FormulaException {
        Formula f = Formula.compile(doubleQuoted(s));
        assertThat(f.referencedFields()).isEmpty();
        assertThat(f.evaluate(TestRecord.empty())).isEqualTo(s);
    }

    @Property(tries = 500)
    void singleQuotedLiteralEvaluatesToTheOriginalString(@ForAll("tricky") String s) throws FormulaException {
        assertThat(Formula.compile(singleQuoted(s)).evaluate(TestRecord.empty())).isEqualTo(s);
    }

    @Property(tries = 500)
    void escapedFieldReferenceNamesExactlyTheOriginalField(@ForAll("trickyNames") String name)
            throws FormulaException {
        Formula f = Formula.compile(fieldRef(name));
        assertThat(f.referencedFields()).containsExactly(name);
        assertThat(f.evaluate(TestRecord.with(name, "value"))).isEqualTo("value");
    }

    @Property(tries = 1000)
    void equalityWithAnEscapedLiteralMatchesExactlyThatString(
            @ForAll("trickyNames") String name, @ForAll("tricky") String s, @ForAll("tricky") String other)
            throws FormulaException {
        Formula f = Formula.compile(fieldRef(name) + " = " + doubleQuoted(s));
        assertThat(f.referencedFields()).containsExactly(name);
        assertThat(f.matches(TestRecord.with(name, s))).isTrue();
        assertThat(Formula.compile(fieldRef(name) + "=" + singleQuoted(s)).matches(TestRecord.with(name, s)))
                .isTrue();
        Assume.that(!other.equals(s));
        assertThat(f.matches(TestRecord.with(name, other))).isFalse();
        assertThat(f.matches(TestRecord.with(name + "x", s).and(name, other))).isFalse();
    }

    @Property(tries = 300)
    void escapedLiteralsNeverInjectSyntax(@ForAll("tricky") String s) throws FormulaException {
        // whatever s contains, the formula has exactly this structure: IF(literal = literal, 1, 2)
        Formula f = Formula.compile("IF(" + doubleQuoted(s) + " = " + singleQuoted(s) + ", 'same', 'different')");
        assertThat(f.referencedFields()).isEmpty();
        assertThat(f.evaluate(TestRecord.empty())).isEqualTo("same");
    }

    // ------------------------------------------------------------------ robustness

    @Property(tries = 2000)
    void compileOfArbitraryTextThrowsOnlyFormulaException(@ForAll("tricky") String text) {
        assertCompilesOrFailsCleanly(text);
    }

    @Property(tries = 500)
    void compileOfArbitraryUnicodeThrowsOnlyFormulaException(@ForAll String text) {
        assertCompilesOrFailsCleanly(text);
    }

    @Property(tries = 3000)
    void formulaSoupCompilesOrFailsCleanlyAndNeverThrowsWhenEvaluated(
            @ForAll("formulaSoup") String text, @ForAll("cells") Object a, @ForAll("cells") Object b,
            @ForAll("cells") Object c) {
        Formula formula = assertCompilesOrFailsCleanly(text);
        if (formula == null) {
            return;
        }
        TestRecord record = TestRecord.with("a", a).and("b", b).and("c", c).and("x", a);
        Object value = formula.evaluate(record);
        assertThat(value == null || value instanceof String || value instanceof BigDecimal
                || value instanceof Boolean || value instanceof List)
                .as("type of %s", value).isTrue();
        formula.matches(record);
    }

    private static Formula assertCompilesOrFailsCleanly(String text) {
        try {
            Formula formula = Formula.compile(text);
            assertThat(formula.text()).isEqualTo(text);
            return formula;
        } catch (FormulaException e) {
            assertThat(e.getMessage()).isNotBlank();
            return null;
        }
        // any other exception propagates and fails the property
    }

    // ------------------------------------------------------------------ arithmetic agrees with Java

    @Property(tries = 300)
    void integerArithmeticAndComparisonAgreeWithJava(@ForAll int a, @ForAll int b) throws FormulaException {
        TestRecord record = TestRecord.with("a", a).and("b", b);
        assertThat((BigDecimal) Formula.compile("{a} + {b}").evaluate(record))
                .isEqualByComparingTo(BigDecimal.valueOf((long) a + b));
        assertThat((BigDecimal) Formula.compile("{a} - {b} * 2").evaluate(record))
                .isEqualByComparingTo(BigDecimal.valueOf(a).subtract(BigDecimal.valueOf(b).multiply(BigDecimal.valueOf(2))));
        assertThat(Formula.compile("{a} < {b}").matches(record)).isEqualTo(a < b);
        assertThat(Formula.compile("{a} = {b}").matches(record)).isEqualTo(a == b);
        assertThat(Formula.compile("{a} & ''").evaluate(record)).isEqualTo(Integer.toString(a));
        assertThat(Formula.compile("{a} = '" + a + "'").matches(record)).isTrue();
    }

    @Property(tries = 300)
    void numbersConcatenateInPlainNotation(@ForAll double d) throws FormulaException {
        Assume.that(Double.isFinite(d));
        Object text = Formula.compile("{d} & ''").evaluate(TestRecord.with("d", d));
        BigDecimal expected = BigDecimal.valueOf(d);
        assertThat((String) text).doesNotContain("E").doesNotContain("e");
        assertThat(new BigDecimal((String) text)).isEqualByComparingTo(expected);
        if (((String) text).contains(".")) {
            assertThat((String) text).doesNotEndWith("0");
        }
    }

    @Property(tries = 200)
    void listsJoinWithCommaSpace(@ForAll("trickyNames") String first, @ForAll("tricky") String second)
            throws FormulaException {
        TestRecord record = TestRecord.with("tags", List.of(first, second));
        assertThat(Formula.compile("{tags} & ''").evaluate(record)).isEqualTo(first + ", " + second);
        assertThat(Formula.compile("{tags} = " + doubleQuoted(first + ", " + second)).matches(record)).isTrue();
        assertThat(Formula.compile("FIND(" + doubleQuoted(first) + ", {tags}) = 1").matches(record)).isTrue();
    }
}
