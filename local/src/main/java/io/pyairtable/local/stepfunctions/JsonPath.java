package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JSONPath as the States Language uses it: {@code $} (or {@code $$} for the context object) followed by
 * {@code .field}, {@code ['field']}, {@code [n]} (negative counts from the end), {@code [*]}, {@code .*},
 * {@code ..field}, {@code ..*}, unions {@code [0,2]} / {@code ['a','b']} and slices {@code [start:end:step]}.
 * Filter and script expressions ({@code [?(...)]}, {@code [(...)]}) are rejected.
 *
 * <p>A path is <em>definite</em> (a spec "Reference Path") when it only uses fields and single indexes; reading it
 * yields one node or no match. An indefinite path yields the array of everything it matches, as Jayway JsonPath
 * (used by AWS) does. Only definite paths can be written to ({@link #write}, for ResultPath).
 */
public final class JsonPath {
    /** {@code $}: the whole document. */
    public static final JsonPath ROOT = parse("$");

    private final String text;
    private final boolean contextPath;
    private final List<Segment> segments;
    private final boolean definite;

    private JsonPath(String text, boolean contextPath, List<Segment> segments) {
        this.text = text;
        this.contextPath = contextPath;
        this.segments = List.copyOf(segments);
        this.definite = segments.stream().allMatch(s -> s instanceof Field || s instanceof Index);
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException with the reason when it is not a supported JSONPath
     */
    public static JsonPath parse(String text) {
        return new Parser(text).parse();
    }

    /** True when the path starts with {@code $$} (it addresses the context object). */
    public boolean isContextPath() {
        return contextPath;
    }

    /** True for a Reference Path: it can only identify a single node. */
    public boolean isDefinite() {
        return definite;
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    /**
     * The value at this path: for a definite path the single node (empty when nothing is there), for an indefinite
     * path an array of every match (possibly empty).
     */
    public Optional<JsonNode> find(JsonNode root) {
        if (definite) {
            JsonNode node = root;
            for (Segment segment : segments) {
                node = segment instanceof Field f ? fieldOf(node, f.name) : elementOf(node, ((Index) segment).index);
                if (node == null) {
                    return Optional.empty();
                }
            }
            return Optional.of(node);
        }
        ArrayNode result = Json.array();
        result.addAll(select(root));
        return Optional.of(result);
    }

    /** Every node this path matches, in document order. */
    public List<JsonNode> select(JsonNode root) {
        List<JsonNode> current = List.of(root);
        for (Segment segment : segments) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                segment.apply(node, next);
            }
            current = next;
        }
        return current;
    }

    /**
     * A copy of {@code root} with {@code value} placed at this (definite) path, creating intervening objects as
     * needed; containers along the path are copied, everything else is shared.
     *
     * @throws IllegalArgumentException when the path cannot be applied (e.g. a field of a string, an index out of range)
     */
    public JsonNode write(JsonNode root, JsonNode value) {
        if (!definite || contextPath) {
            throw new IllegalStateException("only a reference path can be written to: " + text);
        }
        return writeAt(root, 0, value);
    }

    private JsonNode writeAt(JsonNode node, int position, JsonNode value) {
        if (position == segments.size()) {
            return value;
        }
        Segment segment = segments.get(position);
        if (segment instanceof Field field) {
            ObjectNode copy;
            if (node == null || node.isMissingNode()) {
                copy = Json.object();
            } else if (node.isObject()) {
                copy = Json.object();
                copy.setAll((ObjectNode) node);
            } else {
                throw new IllegalArgumentException("cannot set field '" + field.name + "' on a "
                        + node.getNodeType().name().toLowerCase() + " value");
            }
            copy.set(field.name, writeAt(copy.get(field.name), position + 1, value));
            return copy;
        }
        int index = ((Index) segment).index;
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("cannot set index [" + index + "] on a non-array value");
        }
        int resolved = index < 0 ? node.size() + index : index;
        if (resolved < 0 || resolved >= node.size()) {
            throw new IllegalArgumentException("index [" + index + "] is out of range for an array of " + node.size());
        }
        ArrayNode copy = Json.array();
        copy.addAll((ArrayNode) node);
        copy.set(resolved, writeAt(node.get(resolved), position + 1, value));
        return copy;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonPath p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    private static JsonNode fieldOf(JsonNode node, String name) {
        return node != null && node.isObject() ? node.get(name) : null;
    }

    private static JsonNode elementOf(JsonNode node, int index) {
        if (node == null || !node.isArray()) {
            return null;
        }
        int resolved = index < 0 ? node.size() + index : index;
        return resolved >= 0 && resolved < node.size() ? node.get(resolved) : null;
    }

    private interface Segment {
        void apply(JsonNode node, List<JsonNode> out);
    }

    private record Field(String name) implements Segment {
        @Override
        public void apply(JsonNode node, List<JsonNode> out) {
            JsonNode value = fieldOf(node, name);
            if (value != null) {
                out.add(value);
            }
        }
    }

    private record Index(int index) implements Segment {
        @Override
        public void apply(JsonNode node, List<JsonNode> out) {
            JsonNode value = elementOf(node, index);
            if (value != null) {
                out.add(value);
            }
        }
    }

    private record Wildcard() implements Segment {
        @Override
        public void apply(JsonNode node, List<JsonNode> out) {
            if (node.isContainerNode()) {
                node.elements().forEachRemaining(out::add);
            }
        }
    }

    private record Union(List<Segment> parts) implements Segment {
        @Override
        public void apply(JsonNode node, List<JsonNode> out) {
            parts.forEach(part -> part.apply(node, out));
        }
    }

    private record Slice(Integer start, Integer end, int step) implements Segment {
        @Override
        public void apply(JsonNode node, List<JsonNode> out) {
            if (!node.isArray()) {
                return;
            }
            int size = node.size();
            int from = clamp(start == null ? 0 : start, size);
            int to = clamp(end == null ? size : end, size);
            for (int i = from; i < to; i += step) {
                out.add(node.get(i));
            }
        }

        private static int clamp(int bound, int size) {
            int resolved = bound < 0 ? size + bound : bound;
            return Math.max(0, Math.min(size, resolved));
        }
    }

    /** {@code ..name} (name = null for {@code ..*}): the field in the node and in every descendant. */
    private record Descendants(String name) implements Segment {
        @Override
        public void apply(JsonNode node, List<JsonNode> out) {
            if (node.isObject()) {
                for (var entry : node.properties()) {
                    if (name == null || name.equals(entry.getKey())) {
                        out.add(entry.getValue());
                    }
                }
            } else if (node.isArray() && name == null) {
                node.elements().forEachRemaining(out::add);
            }
            if (node.isContainerNode()) {
                node.elements().forEachRemaining(child -> apply(child, out));
            }
        }
    }

    /** Recursive-descent parser of the path text. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        JsonPath parse() {
            if (text == null || !text.startsWith("$")) {
                throw new IllegalArgumentException("a path must start with '$'");
            }
            boolean context = text.startsWith("$$");
            pos = context ? 2 : 1;
            List<Segment> segments = new ArrayList<>();
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '.') {
                    segments.add(dotSegment());
                } else if (c == '[') {
                    segments.add(bracketSegment());
                } else {
                    throw error("unexpected character '" + c + "'");
                }
            }
            return new JsonPath(text, context, segments);
        }

        private Segment dotSegment() {
            pos++;
            if (pos < text.length() && text.charAt(pos) == '.') {
                pos++;
                if (pos < text.length() && text.charAt(pos) == '*') {
                    pos++;
                    return new Descendants(null);
                }
                return new Descendants(name());
            }
            if (pos < text.length() && text.charAt(pos) == '*') {
                pos++;
                return new Wildcard();
            }
            return new Field(name());
        }

        private String name() {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) != '.' && text.charAt(pos) != '[') {
                char c = text.charAt(pos);
                if (Character.isWhitespace(c)) {
                    throw error("whitespace in a field name (use ['...'] notation)");
                }
                pos++;
            }
            if (pos == start) {
                throw error("empty field name");
            }
            return text.substring(start, pos);
        }

        private Segment bracketSegment() {
            pos++;
            skipSpaces();
            if (pos >= text.length()) {
                throw error("unclosed '['");
            }
            char c = text.charAt(pos);
            if (c == '?' || c == '(') {
                throw error("filter and script expressions are not supported");
            }
            Segment segment;
            if (c == '\'' || c == '"') {
                List<Segment> names = new ArrayList<>();
                do {
                    skipSpaces();
                    names.add(new Field(quoted()));
                    skipSpaces();
                } while (consume(','));
                segment = names.size() == 1 ? names.get(0) : new Union(names);
            } else if (c == '*') {
                pos++;
                segment = new Wildcard();
            } else {
                segment = numericSelector();
            }
            skipSpaces();
            if (!consume(']')) {
                throw error("expected ']'");
            }
            return segment;
        }

        private Segment numericSelector() {
            int close = text.indexOf(']', pos);
            if (close < 0) {
                throw error("unclosed '['");
            }
            String content = text.substring(pos, close).replace(" ", "");
            pos = close;
            try {
                if (content.contains(":")) {
                    String[] parts = content.split(":", -1);
                    if (parts.length > 3) {
                        throw error("bad slice '" + content + "'");
                    }
                    int step = parts.length == 3 && !parts[2].isEmpty() ? Integer.parseInt(parts[2]) : 1;
                    if (step <= 0) {
                        throw error("slice step must be positive");
                    }
                    return new Slice(optionalInt(parts[0]), optionalInt(parts[1]), step);
                }
                if (content.contains(",")) {
                    List<Segment> indexes = new ArrayList<>();
                    for (String part : content.split(",", -1)) {
                        indexes.add(new Index(Integer.parseInt(part)));
                    }
                    return new Union(indexes);
                }
                return new Index(Integer.parseInt(content));
            } catch (NumberFormatException e) {
                throw error("'" + content + "' is not an array index");
            }
        }

        private static Integer optionalInt(String text) {
            return text.isEmpty() ? null : Integer.parseInt(text);
        }

        private String quoted() {
            char quote = text.charAt(pos);
            if (quote != '\'' && quote != '"') {
                throw error("expected a quoted field name");
            }
            pos++;
            StringBuilder name = new StringBuilder();
            while (pos < text.length() && text.charAt(pos) != quote) {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    c = text.charAt(pos++);
                }
                name.append(c);
            }
            if (pos >= text.length()) {
                throw error("unterminated quoted field name");
            }
            pos++;
            return name.toString();
        }

        private boolean consume(char c) {
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void skipSpaces() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }

        private IllegalArgumentException error(String reason) {
            return new IllegalArgumentException("invalid JSONPath '" + text + "': " + reason + " (at " + pos + ")");
        }
    }
}
