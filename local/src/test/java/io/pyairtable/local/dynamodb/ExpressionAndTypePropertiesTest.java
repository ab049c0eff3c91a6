package io.pyairtable.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

/** Properties of the type system and the expression parser, without HTTP. */
class ExpressionAndTypePropertiesTest {

    @Property
    void normalisedNumbersKeepTheirValueAndAreIdempotent(@ForAll("decimals") BigDecimal value) {
        String canonical = DynamoNumber.normalize(value.toString());
        assertThat(new BigDecimal(canonical)).isEqualByComparingTo(value);
        assertThat(DynamoNumber.normalize(canonical)).isEqualTo(canonical);
        assertThat(canonical).doesNotContain("E").doesNotStartWith("+");
    }

    @Property
    void equalNumbersHaveEqualCanonicalText(@ForAll("decimals") BigDecimal value) {
        String padded = value.setScale(value.scale() + 3).toString();
        assertThat(DynamoNumber.normalize(padded)).isEqualTo(DynamoNumber.normalize(value.toPlainString()));
    }

    @Property
    void numberOrderIsNumeric(@ForAll("decimals") BigDecimal a, @ForAll("decimals") BigDecimal b) {
        ObjectNode x = AttributeValues.normalize(AttributeValues.of("N", AttributeValues.NODES.textNode(a.toString())));
        ObjectNode y = AttributeValues.normalize(AttributeValues.of("N", AttributeValues.NODES.textNode(b.toString())));
        assertThat(Integer.signum(AttributeValues.compare(x, y))).isEqualTo(a.compareTo(b));
    }

    @Property
    void stringOrderIsUtf8ByteOrder(@ForAll String a, @ForAll String b) {
        byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // unpaired surrogates don't survive UTF-8 encoding; compare only well-formed strings
        if (a.equals(new String(x, java.nio.charset.StandardCharsets.UTF_8)) && b.equals(new String(y, java.nio.charset.StandardCharsets.UTF_8))) {
            assertThat(Integer.signum(AttributeValues.compareStrings(a, b))).isEqualTo(Integer.signum(java.util.Arrays.compareUnsigned(x, y)));
        }
    }

    @Provide
    Arbitrary<BigDecimal> decimals() {
        return Arbitraries.bigDecimals().between(new BigDecimal("-1E30"), new BigDecimal("1E30")).ofScale(8);
    }

    @Property
    void pathsRoundTripThroughTheParser(@ForAll("paths") String path) {
        ExpressionAttributes attributes = ExpressionAttributes.from(AttributeValues.NODES.objectNode());
        List<AttributePath> parsed = ExpressionParser.parseProjection(path, attributes);
        assertThat(parsed).singleElement().hasToString(path);
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6)
                .map(s -> "q" + s + "9"); // the trailing digit keeps it clear of every reserved word
        Arbitrary<String> step = Arbitraries.oneOf(name.map(n -> "." + n), Arbitraries.integers().between(0, 99).map(i -> "[" + i + "]"));
        return net.jqwik.api.Combinators.combine(name, step.list().ofMaxSize(4)).as((head, rest) -> head + String.join("", rest));
    }

    @Property
    void conditionEvaluationMatchesJavaForNumbers(@ForAll int a, @ForAll int b) {
        ObjectNode request = AttributeValues.NODES.objectNode();
        request.putObject("ExpressionAttributeValues").set(":b", AttributeValues.of("N", AttributeValues.NODES.textNode(Integer.toString(b))));
        ExpressionAttributes attributes = ExpressionAttributes.from(request);
        Condition condition = ExpressionParser.parseCondition("v < :b OR (v = :b AND NOT v <> :b)", ExpressionKind.CONDITION, attributes);
        ObjectNode item = AttributeValues.NODES.objectNode();
        item.set("v", AttributeValues.of("N", AttributeValues.NODES.textNode(Integer.toString(a))));
        assertThat(condition.test(item)).isEqualTo(a <= b);
    }

    @Property
    void garbageExpressionsFailWithValidationErrorsOnly(@ForAll @StringLength(max = 40) String garbage) {
        ObjectNode request = AttributeValues.NODES.objectNode();
        request.putObject("ExpressionAttributeValues").set(":v", AttributeValues.of("S", AttributeValues.NODES.textNode("x")));
        request.putObject("ExpressionAttributeNames").put("#n", "name");
        try {
            ExpressionParser.parseCondition(garbage, ExpressionKind.CONDITION, ExpressionAttributes.from(request));
            ExpressionParser.parseUpdate(garbage, ExpressionAttributes.from(request));
        } catch (DynamoDbException expected) {
            assertThat(expected.type()).isEqualTo("ValidationException");
        }
    }

    @Property
    void reservedWordsAreRejectedCaseInsensitively(@ForAll @AlphaChars @StringLength(min = 1, max = 1) String ignored) {
        for (String word : List.of("status", "Name", "DATA", "ttl", "count")) {
            assertThatThrownBy(() -> ExpressionParser.parseProjection(word, ExpressionAttributes.from(AttributeValues.NODES.objectNode())))
                    .hasMessageContaining("reserved keyword: " + word);
        }
    }

    @Example
    void precedenceNotBindsTighterThanAndWhichBindsTighterThanOr() {
        ObjectNode request = AttributeValues.NODES.objectNode();
        ObjectNode values = request.putObject("ExpressionAttributeValues");
        values.set(":t", AttributeValues.of("BOOL", AttributeValues.NODES.booleanNode(true)));
        ExpressionAttributes attributes = ExpressionAttributes.from(request);
        Condition c = ExpressionParser.parseCondition("a = :t OR b = :t AND NOT c = :t", ExpressionKind.CONDITION, attributes);
        assertThat(c).isInstanceOf(Condition.Or.class);
        assertThat(((Condition.Or) c).right()).isInstanceOf(Condition.And.class);
        assertThat(((Condition.And) ((Condition.Or) c).right()).right()).isInstanceOf(Condition.Not.class);
    }
}
