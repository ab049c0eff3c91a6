package io.pyairtable.sandbox.formula;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

/** Shared helpers for formula tests. */
final class FormulaAssertions {

    private FormulaAssertions() {
    }

    static Formula compiled(String text) {
        try {
            return Formula.compile(text);
        } catch (FormulaException e) {
            throw new AssertionError("Expected " + text + " to compile, got: " + e.getMessage(), e);
        }
    }

    static Object evaluate(String text, RecordView record) {
        return compiled(text).evaluate(record);
    }

    /**
     * Asserts the value of a formula. Expected numbers (any {@link Number}) are compared
     * numerically against a BigDecimal result; everything else with equals.
     */
    static void assertValue(String text, RecordView record, Object expected) {
        Object actual = evaluate(text, record);
        if (expected instanceof Number) {
            assertThat(actual).as(text).isInstanceOf(BigDecimal.class);
            assertThat((BigDecimal) actual).as(text).isEqualByComparingTo(new BigDecimal(expected.toString()));
        } else {
            assertThat(actual).as(text).isEqualTo(expected);
        }
    }
}
