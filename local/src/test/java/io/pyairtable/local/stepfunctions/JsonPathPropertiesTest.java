package io.pyairtable.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

/** JSONPath reading and ResultPath-style writing. */
class JsonPathPropertiesTest {

    @Provide
    Arbitrary<List<String>> fieldNames() {
        return Arbitraries.strings().withChars("abcXYZ_-1 .'").ofMinLength(1).ofMaxLength(6).list().ofMinSize(1).ofMaxSize(4);
    }

    private static String bracketPath(List<String> names) {
        StringBuilder path = new StringBuilder("$");
        for (String name : names) {
            path.append("['").append(name.replace("\\", "\\\\").replace("'", "\\'")).append("']");
        }
        return path.toString();
    }

    @Property
    void writeThenReadReturnsTheValue(@ForAll("fieldNames") List<String> names, @ForAll int value) {
        JsonPath path = JsonPath.parse(bracketPath(names));
        JsonNode input = Json.object().put("untouched", true);
        JsonNode written = path.write(input, Json.NODES.numberNode(value));
        assertThat(path.find(written)).contains(Json.NODES.numberNode(value));
        if (!names.get(0).equals("untouched")) {
            assertThat(written.get("untouched").asBoolean()).isTrue();
        }
        assertThat(input).as("the input is not mutated").isEqualTo(Json.object().put("untouched", true));
    }

    @Property
    void dotAndBracketNotationsAgree(@ForAll("simpleNames") List<String> names) {
        JsonNode doc = JsonPath.parse(bracketPath(names)).write(Json.object(), Json.NODES.textNode("v"));
        String dotted = "$." + String.join(".", names);
        assertThat(JsonPath.parse(dotted).find(doc)).contains(Json.NODES.textNode("v"));
    }

    @Provide
    Arbitrary<List<String>> simpleNames() {
        return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5).list().ofMinSize(1).ofMaxSize(4);
    }

    @Property
    void indexesReadArrayElements(@ForAll("smallLists") List<Integer> values) {
        JsonNode array = Json.array().addAll(values.stream().map(Json.NODES::numberNode).map(JsonNode.class::cast).toList());
        for (int i = 0; i < values.size(); i++) {
            assertThat(JsonPath.parse("$[" + i + "]").find(array)).contains(Json.NODES.numberNode(values.get(i)));
            assertThat(JsonPath.parse("$[-" + (i + 1) + "]").find(array))
                    .contains(Json.NODES.numberNode(values.get(values.size() - 1 - i)));
        }
        assertThat(JsonPath.parse("$[*]").find(array)).contains(array);
    }

    @Provide
    Arbitrary<List<Integer>> smallLists() {
        return Arbitraries.integers().list().ofMinSize(1).ofMaxSize(8);
    }

    @Example
    void indefinitePaths() {
        JsonNode doc = Json.parse("{\"a\": [{\"id\": 1, \"x\": {\"id\": 2}}, {\"id\": 3}], \"b\": {\"id\": 4}}");
        assertThat(JsonPath.parse("$.a[*].id").find(doc)).contains(Json.parse("[1, 3]"));
        assertThat(JsonPath.parse("$..id").select(doc)).extracting(JsonNode::asInt).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(JsonPath.parse("$.a[0,1].id").find(doc)).contains(Json.parse("[1, 3]"));
        assertThat(JsonPath.parse("$.a[1:].id").find(doc)).contains(Json.parse("[3]"));
        assertThat(JsonPath.parse("$.b.*").find(doc)).contains(Json.parse("[4]"));
        assertThat(JsonPath.parse("$.missing[*]").find(doc)).contains(Json.parse("[]"));
        assertThat(JsonPath.parse("$.a[5]").find(doc)).isEmpty();
        assertThat(JsonPath.parse("$.a[*]").isDefinite()).isFalse();
        assertThat(JsonPath.parse("$['a'][0]").isDefinite()).isTrue();
    }

    @Example
    void writingThroughAScalarOrOutOfRangeFails() {
        assertThatThrownBy(() -> JsonPath.parse("$.a.b").write(Json.parse("{\"a\": 1}"), Json.object()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonPath.parse("$.a[3]").write(Json.parse("{\"a\": [1]}"), Json.object()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(JsonPath.parse("$.a[0]").write(Json.parse("{\"a\": [1, 2]}"), Json.NODES.numberNode(9)))
                .isEqualTo(Json.parse("{\"a\": [9, 2]}"));
    }
}
