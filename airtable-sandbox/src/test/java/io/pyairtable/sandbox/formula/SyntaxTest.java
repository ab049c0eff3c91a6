package io.pyairtable.sandbox.formula;

import static io.pyairtable.sandbox.formula.FormulaAssertions.assertValue;
import static io.pyairtable.sandbox.formula.FormulaAssertions.compiled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SyntaxTest {

    static Stream<Arguments> literals() {
        return Stream.of(
                arguments("12", 12),
                arguments("1.5", 1.5),
                arguments(".5", 0.5),
                arguments("1e3", 1000),
                arguments("2.5E-2", 0.025),
                arguments("1E+2", 100),
                arguments("-3.5", -3.5),
                arguments("--3", 3),
                arguments("\"hello\"", "hello"),
                arguments("'hello'", "hello"),
                arguments("\"\"", ""),
                arguments("\"it's\"", "it's"),
                arguments("'say \"hi\"'", "say \"hi\""),
                arguments("\"a\\\"b\"", "a\"b"),
                arguments("'a\\'b'", "a'b"),
                arguments("\"back\\\\slash\"", "back\\slash"),
                arguments("\"line\\nbreak\"", "line\nbreak"),
                arguments("\"tab\\there\"", "tab\there"),
                arguments("\"cr\\rhere\"", "cr\rhere"),
                arguments("\"\\q\\{\"", "q{"),
                arguments("\"raw\nnewline\"", "raw\nnewline"),
                arguments("\"ünï💡\"", "ünï💡"),
                arguments("TRUE()", true),
                arguments("FALSE()", false),
                arguments("TRUE", true),
                arguments("false", false),
                arguments("true()", true),
                arguments("  \t\n 7 \n", 7),
                arguments("(((1)))", 1));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("literals")
    void literals(String formula, Object expected) {
        assertValue(formula, TestRecord.empty(), expected);
    }

    static Stream<Arguments> fieldReferences() {
        return Stream.of(
                arguments("{Name}", "Name"),
                arguments("{Full Name}", "Full Name"),
                arguments("{ padded }", " padded "),
                arguments("{Quote \" and ' }", "Quote \" and ' "),
                arguments("{Brace \\} end}", "Brace } end"),
                arguments("{Back\\\\slash}", "Back\\slash"),
                arguments("{Open { brace}", "Open { brace"),
                arguments("{\\n}", "n"),
                arguments("{Ünïcödé 💡}", "Ünïcödé 💡"),
                arguments("{multi\nline}", "multi\nline"),
                arguments("Status", "Status"),
                arguments("_private_2", "_private_2"),
                arguments("AND", "AND"));
    }

    @ParameterizedTest(name = "{0} references {1}")
    @MethodSource("fieldReferences")
    void fieldReferences(String formula, String fieldName) {
        Formula f = compiled(formula);
        assertThat(f.referencedFields()).containsExactly(fieldName);
        assertThat(f.evaluate(TestRecord.with(fieldName, "value"))).isEqualTo("value");
    }

    @Test
    void referencedFieldsAreInFirstSeenOrderWithoutDuplicates() {
        Formula f = compiled("AND({b} = 1, a, {c}, {b}, IF(a, {d}))");
        assertThat(f.referencedFields()).containsExactly("b", "a", "c", "d");
    }

    @Test
    void referencedFieldsIsEmptyWithoutFieldsAndIsUnmodifiable() {
        Formula f = compiled("AND(TRUE, 1 = 1)");
        assertThat(f.referencedFields()).isEmpty();
        assertThat(compiled("{a}").referencedFields()).isUnmodifiable();
    }

    @Test
    void trueAndFalseAreNotFieldReferences() {
        assertThat(compiled("OR(TRUE, FALSE, True)").referencedFields()).isEmpty();
    }

    @Test
    void functionNamesAreCaseInsensitive() {
        assertValue("and(1, Or(0, 1), not(0))", TestRecord.empty(), true);
        assertValue("len ('abc')", TestRecord.empty(), 3);
    }

    @Test
    void textIsKeptAsGiven() {
        String text = "  {a} = 'x' ";
        assertThat(compiled(text).text()).isEqualTo(text);
        assertThat(compiled(text)).hasToString(text);
    }

    @Test
    void anInjectionAttemptInsideAnEscapedLiteralStaysALiteral() {
        String hostile = "x\", TRUE()) & OR(\"";
        String formula = "{Name} = \"" + hostile.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        Formula f = compiled(formula);
        assertThat(f.referencedFields()).containsExactly("Name");
        assertThat(f.matches(TestRecord.with("Name", hostile))).isTrue();
        assertThat(f.matches(TestRecord.with("Name", "x"))).isFalse();
        assertThat(f.matches(TestRecord.empty())).isFalse();
        assertThat(f.evaluate(TestRecord.with("Name", "other"))).isEqualTo(false);
    }

    @Test
    void anInjectionAttemptInsideAnEscapedFieldNameStaysAName() {
        String hostile = "a} = 1, TRUE(), {b\\";
        Formula f = compiled("{" + hostile.replace("\\", "\\\\").replace("}", "\\}") + "} = 'v'");
        assertThat(f.referencedFields()).containsExactly(hostile);
        assertThat(f.matches(TestRecord.with(hostile, "v"))).isTrue();
        assertThat(f.matches(TestRecord.with("a", 1).and("b", "v"))).isFalse();
    }
}
