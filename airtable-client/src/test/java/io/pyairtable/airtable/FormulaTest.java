package io.pyairtable.airtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pyairtable.sandbox.formula.FormulaException;
import io.pyairtable.sandbox.formula.RecordView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * The builder's text, and — through the sandbox's formula parser — that escaping round-trips for any string:
 * a value always stays one literal and a field name always stays one field reference.
 */
class FormulaTest {

    @Test
    void buildsReadableFormulas() {
        Formula f = Formula.and(
                Formula.eq(Formula.field("Stage"), Formula.value("Won")),
                Formula.gte(Formula.field("Amount"), Formula.value(1000)));
        assertThat(f.toString()).isEqualTo("AND(({Stage} = \"Won\"), ({Amount} >= 1000))");
    }

    @Test
    void escapesQuotesBackslashesAndBraces() {
        assertThat(Formula.value("say \"hi\" \\ bye").toString()).isEqualTo("\"say \\\"hi\\\" \\\\ bye\"");
        assertThat(Formula.value("it's").toString()).isEqualTo("\"it's\"");
        assertThat(Formula.field("a}b\\c").toString()).isEqualTo("{a\\}b\\\\c}");
        assertThat(Formula.field("{Name}").toString()).isEqualTo("{{Name\\}}");
    }

    @Test
    void rendersNumbersBooleansAndBlank() {
        assertThat(Formula.value(new BigDecimal("2.50")).toString()).isEqualTo("2.5");
        assertThat(Formula.value(1e21).toString()).isEqualTo("1000000000000000000000");
        assertThat(Formula.value(-3).toString()).isEqualTo("(-3)");
        assertThat(Formula.value(true).toString()).isEqualTo("TRUE()");
        assertThat(Formula.literal(null).toString()).isEqualTo("BLANK()");
        assertThat(Formula.value((String) null).toString()).isEqualTo("BLANK()");
    }

    @Test
    void rejectsWhatCannotBeALiteralOrAFunction() {
        assertThatThrownBy(() -> Formula.value(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Formula.value(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Formula.literal(new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Formula.field("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Formula.call("LEN(1)&X")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Formula.call("lower")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(Formula::and).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(Formula::or).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void injectionAttemptStaysALiteral() throws Exception {
        String hostile = "x\") , TRUE()) & OR(\"";
        Formula f = Formula.fieldEquals("Name", hostile);
        assertThat(parse(f).matches(record(Map.of("Name", "somebody")))).isFalse();
        assertThat(parse(f).matches(record(Map.of("Name", hostile)))).isTrue();
    }

    @Property(tries = 500)
    void anyStringValueRoundTripsAsOneLiteral(@ForAll @StringLength(max = 40) String value,
            @ForAll @StringLength(max = 40) String other) throws Exception {
        io.pyairtable.sandbox.formula.Formula parsed = parse(Formula.fieldEquals("Name", value));
        assertThat(parsed.referencedFields()).containsExactly("Name");
        assertThat(parsed.matches(record(Map.of("Name", value)))).isTrue();
        if (!other.equals(value)) {
            assertThat(parsed.matches(record(Map.of("Name", other)))).isFalse();
        }
    }

    @Property(tries = 500)
    void anyFieldNameRoundTripsAsOneReference(@ForAll @StringLength(min = 1, max = 40) String name) throws Exception {
        io.pyairtable.sandbox.formula.Formula parsed = parse(Formula.eq(Formula.field(name), Formula.value("v")));
        assertThat(parsed.referencedFields()).containsExactly(name);
        assertThat(parsed.matches(record(Map.of(name, "v")))).isTrue();
        assertThat(parsed.matches(record(Map.of(name, "w")))).isFalse();
    }

    @Property(tries = 200)
    void composedFormulasStayWellFormed(@ForAll @StringLength(max = 20) String a, @ForAll @StringLength(max = 20) String b)
            throws Exception {
        Formula f = Formula.or(
                Formula.and(Formula.fieldEquals("A", a), Formula.not(Formula.fieldEquals("B", b))),
                Formula.gt(Formula.find(Formula.value(a), Formula.concat(Formula.field("A"), Formula.value(b))),
                        Formula.value(0)));
        assertThat(parse(f).referencedFields()).containsExactlyInAnyOrder("A", "B");
    }

    private static io.pyairtable.sandbox.formula.Formula parse(Formula formula) throws FormulaException {
        return io.pyairtable.sandbox.formula.Formula.compile(formula.toString());
    }

    private static RecordView record(Map<String, Object> fields) {
        return new RecordView() {
            @Override
            public String id() {
                return "recAAAAAAAAAAAAAA";
            }

            @Override
            public Instant createdTime() {
                return Instant.EPOCH;
            }

            @Override
            public Object field(String name) {
                return fields.get(name);
            }
        };
    }
}
