package io.pyairtable.sandbox.formula;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A compiled {@code filterByFormula} expression (see the {@linkplain io.pyairtable.sandbox.formula
 * package documentation} for the supported language).
 *
 * <p>Compile once with {@link #compile(String)}, then evaluate against any number of records.
 * Instances are immutable and thread-safe.
 *
 * <h2>Errors during evaluation</h2>
 * Evaluation never throws. Like Airtable's {@code #ERROR!}, an error value arises from
 * <ul>
 *   <li>arithmetic ({@code + - * /}, unary minus, {@code ABS}, {@code ROUND}) on text that is not a
 *       plain number, e.g. {@code "abc" + 1};</li>
 *   <li>division by zero;</li>
 *   <li>a number whose magnitude exceeds about 1e308, including a non-finite {@code Double} cell;</li>
 *   <li>{@code VALUE} of non-numeric text, a non-numeric {@code start} for FIND/SEARCH;</li>
 *   <li>text results longer than 1,000,000 characters.</li>
 * </ul>
 * The error propagates through every operator and function that receives it (IF only evaluates the
 * branch it chooses). {@link #matches(RecordView)} treats it as false, and
 * {@link #evaluate(RecordView)} returns it as {@code null}.
 */
public final class Formula {

    /** Longest accepted formula text, in characters. */
    public static final int MAX_LENGTH = 16_384;

    /** Deepest accepted nesting of parentheses, function calls and unary minus signs. */
    public static final int MAX_DEPTH = 100;

    private final String text;
    private final Node root;
    private final Set<String> referencedFields;

    private Formula(String text, Node root, Set<String> referencedFields) {
        this.text = text;
        this.root = root;
        this.referencedFields = Collections.unmodifiableSet(new LinkedHashSet<>(referencedFields));
    }

    /**
     * Parses a formula.
     *
     * @throws FormulaException with a human sentence (e.g. {@code "Unexpected ')' at position 12"},
     *                          {@code "Unknown function FOO"}, {@code "Wrong number of arguments to
     *                          LEN (expected 1, got 2)"}) when the text is null, empty, longer than
     *                          {@link #MAX_LENGTH}, nested deeper than {@link #MAX_DEPTH} or outside
     *                          the supported subset
     */
    public static Formula compile(String text) throws FormulaException {
        if (text == null) {
            throw new FormulaException("Formula is missing");
        }
        if (text.length() > MAX_LENGTH) {
            throw new FormulaException("Formula is too long (" + text.length() + " characters, maximum is "
                    + MAX_LENGTH + ")");
        }
        if (text.isBlank()) {
            throw new FormulaException("Formula is empty");
        }
        List<Token> tokens = new Lexer(text).tokenize();
        Parser parser = new Parser(tokens);
        Node root = parser.parseFormula();
        return new Formula(text, root, parser.referencedFields());
    }

    /**
     * Field names referenced, as written between braces (unescaped) or as bare identifiers, in
     * first-seen order, without duplicates.
     */
    public Set<String> referencedFields() {
        return referencedFields;
    }

    /** Evaluates against one record and returns the Airtable truthiness of the result. */
    public boolean matches(RecordView record) {
        return Values.isTruthy(root.evaluate(record));
    }

    /**
     * Evaluates against one record and returns the raw value: {@code String}, {@code BigDecimal}
     * (without trailing decimal zeros and never with a negative scale, so {@code toString()} is
     * plain for ordinary magnitudes), {@code Boolean}, an unmodifiable {@code List<?>} (list cells), or
     * {@code null} for BLANK and for errors.
     */
    public Object evaluate(RecordView record) {
        Object value = root.evaluate(record);
        return Values.isError(value) ? null : value;
    }

    /** The formula text as given to {@link #compile(String)}. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
