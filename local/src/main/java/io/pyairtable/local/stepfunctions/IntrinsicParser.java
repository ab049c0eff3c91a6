package io.pyairtable.local.stepfunctions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses an intrinsic function call such as {@code States.Format('Hello {}', $.name)}. Arguments are string literals
 * in single quotes (escapes {@code \' \{ \} \\}), numbers, {@code true}/{@code false}/{@code null}, paths and nested
 * calls. Function names and arities are checked here, at load time.
 */
final class IntrinsicParser {
    private final String text;
    private int pos;

    private IntrinsicParser(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException with the reason when {@code text} is not a valid intrinsic call */
    static IntrinsicExpression.Call parse(String text) {
        IntrinsicParser parser = new IntrinsicParser(text);
        IntrinsicExpression.Call call = parser.call();
        parser.skipSpaces();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected text after the closing ')'");
        }
        return call;
    }

    private IntrinsicExpression.Call call() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        String name = text.substring(start, pos);
        if (!IntrinsicFunctions.exists(name)) {
            throw error("unknown intrinsic function '" + name + "'");
        }
        skipSpaces();
        expect('(');
        List<IntrinsicExpression> arguments = new ArrayList<>();
        skipSpaces();
        if (!peek(')')) {
            do {
                skipSpaces();
                arguments.add(argument());
                skipSpaces();
            } while (consume(','));
        }
        expect(')');
        IntrinsicFunctions.checkArity(name, arguments.size());
        return new IntrinsicExpression.Call(name, arguments);
    }

    private IntrinsicExpression argument() {
        if (pos >= text.length()) {
            throw error("missing argument");
        }
        char c = text.charAt(pos);
        if (c == '\'') {
            return stringLiteral();
        }
        if (c == '$') {
            return new IntrinsicExpression.PathArgument(path());
        }
        if (text.startsWith("States.", pos)) {
            return call();
        }
        String token = bareToken();
        switch (token) {
            case "true":
                return new IntrinsicExpression.Literal(Json.NODES.booleanNode(true), token);
            case "false":
                return new IntrinsicExpression.Literal(Json.NODES.booleanNode(false), token);
            case "null":
                return new IntrinsicExpression.Literal(Json.NODES.nullNode(), token);
            default:
                try {
                    BigDecimal number = new BigDecimal(token);
                    return new IntrinsicExpression.Literal(numberNode(number), token);
                } catch (NumberFormatException e) {
                    throw error("'" + token + "' is not a valid argument (strings need single quotes)");
                }
        }
    }

    /** Integers become int (or long) nodes like Jackson parses them, other numbers doubles. */
    private static com.fasterxml.jackson.databind.JsonNode numberNode(BigDecimal number) {
        if (number.scale() <= 0) {
            try {
                long value = number.longValueExact();
                return value == (int) value ? Json.NODES.numberNode((int) value) : Json.NODES.numberNode(value);
            } catch (ArithmeticException tooBig) {
                return Json.NODES.numberNode(number.toBigInteger());
            }
        }
        return Json.NODES.numberNode(number.doubleValue());
    }

    private IntrinsicExpression.Literal stringLiteral() {
        pos++;
        StringBuilder value = new StringBuilder();
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != '\'') {
            char c = text.charAt(pos++);
            if (c == '\\') {
                if (pos >= text.length()) {
                    throw error("dangling escape '\\'");
                }
                c = text.charAt(pos++);
            }
            value.append(c);
        }
        if (pos >= text.length()) {
            throw error("unterminated string literal");
        }
        String raw = text.substring(start, pos);
        pos++;
        return new IntrinsicExpression.Literal(Json.NODES.textNode(value.toString()), raw);
    }

    /** A path runs to the next ',' or ')' outside brackets and quotes. */
    private JsonPath path() {
        int start = pos;
        int depth = 0;
        char quote = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (quote != 0) {
                if (c == '\\') {
                    pos++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (depth == 0 && (c == ',' || c == ')' || c == ' ')) {
                break;
            }
            pos++;
        }
        String pathText = text.substring(start, pos);
        try {
            return JsonPath.parse(pathText);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private String bareToken() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != ',' && text.charAt(pos) != ')' && text.charAt(pos) != ' ') {
            pos++;
        }
        return text.substring(start, pos);
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private boolean consume(char c) {
        if (peek(c)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String reason) {
        return new IllegalArgumentException("invalid intrinsic function '" + text + "': " + reason + " (at " + pos + ")");
    }
}
