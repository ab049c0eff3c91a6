package io.pyairtable.functions.core.airtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.pyairtable.functions.core.ApiError;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class FilterParserTest {

    @Test
    void nestedAndOrBecomesOneEscapedFormula() {
        String formula = FilterParser.parse("{\"and\":[{\"field\":\"Stage\",\"op\":\"eq\",\"value\":\"Won\"},"
                + "{\"or\":[{\"field\":\"Amount\",\"op\":\"gte\",\"value\":1000},{\"field\":\"Name\",\"op\":\"empty\"}]}]}")
                .toString();
        assertThat(formula).isEqualTo("AND(({Stage} = \"Won\"), OR(({Amount} >= 1000), ({Name} = BLANK())))");
    }

    @Test
    void everyOp() {
        assertThat(FilterParser.parse("{\"field\":\"A\",\"op\":\"ne\",\"value\":true}").toString()).isEqualTo("({A} != TRUE())");
        assertThat(FilterParser.parse("{\"field\":\"A\",\"op\":\"lt\",\"value\":1.5}").toString()).isEqualTo("({A} < 1.5)");
        assertThat(FilterParser.parse("{\"field\":\"A\",\"op\":\"notEmpty\"}").toString()).isEqualTo("NOT(({A} = BLANK()))");
        assertThat(FilterParser.parse("{\"field\":\"A\",\"op\":\"contains\",\"value\":\"x\"}").toString())
                .isEqualTo("(FIND(LOWER(\"x\"), LOWER(({A} & \"\"))) > 0)");
    }

    @Property(tries = 300)
    void aValueStaysOneStringLiteral(@ForAll String value) {
        String json = JsonNodeFactory.instance.objectNode().put("field", "Name").put("op", "eq").put("value", value)
                .toString();
        if (value.length() > FilterParser.MAX_VALUE) {
            return;
        }
        String formula = FilterParser.parse(json).toString();
        String literal = formula.substring("({Name} = ".length(), formula.length() - 1);
        assertThat(literal).startsWith("\"").endsWith("\"");
        String inner = literal.substring(1, literal.length() - 1);
        // every quote inside is escaped: the literal cannot end early
        assertThat(inner.replace("\\\\", "").replace("\\\"", "")).doesNotContain("\"");
    }

    @Test
    void rejectsWhatIsNotInTheGrammar() {
        String[] bad = {
            "not json", "[]", "{\"field\":\"A\",\"op\":\"regex\",\"value\":\"x\"}",
            "{\"field\":\"A\",\"op\":\"eq\"}", "{\"field\":\"A\",\"op\":\"eq\",\"value\":[1]}",
            "{\"field\":\"A\",\"op\":\"empty\",\"value\":1}", "{\"field\":\"\",\"op\":\"eq\",\"value\":1}",
            "{\"and\":[]}", "{\"and\":[{\"field\":\"A\",\"op\":\"eq\",\"value\":1}],\"or\":[]}",
            "{\"field\":\"A\",\"op\":\"eq\",\"value\":1,\"formula\":\"TRUE()\"}",
            "{\"field\":\"A\",\"op\":\"contains\",\"value\":1}", "{\"field\":\"A\",\"op\":\"eq\",\"value\":1e400}",
            "{\"field\":\"A\",\"field\":\"B\",\"op\":\"eq\",\"value\":1}",
            "{\"and\":[{\"and\":[{\"and\":[{\"and\":[{\"and\":[{\"field\":\"A\",\"op\":\"eq\",\"value\":1}]}]}]}]}]}",
        };
        for (String filter : bad) {
            assertThatThrownBy(() -> FilterParser.parse(filter)).as(filter).isInstanceOf(ApiError.class)
                    .satisfies(e -> assertThat(((ApiError) e).status()).isEqualTo(400));
        }
        StringBuilder many = new StringBuilder("{\"or\":[");
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append("{\"field\":\"A\",\"op\":\"eq\",\"value\":").append(i).append("}");
        }
        assertThatThrownBy(() -> FilterParser.parse(many.append("]}").toString())).hasMessageContaining("50 conditions");
        assertThatThrownBy(() -> FilterParser.parse("{\"field\":\"A\",\"op\":\"eq\",\"value\":\"" + "x".repeat(4001) + "\"}"))
                .hasMessageContaining("4000");
    }
}
