package io.pyairtable.local.dynamodb;

import java.util.ArrayList;
import java.util.List;

/** Splits a DynamoDB expression into tokens. Unknown characters become syntax errors naming the character. */
final class ExpressionLexer {
    /** Maximum expression length DynamoDB accepts (4 KB). */
    static final int MAX_EXPRESSION_LENGTH = 4096;

    enum Kind {
        IDENTIFIER, NAME_PLACEHOLDER, VALUE_PLACEHOLDER, INTEGER,
        LEFT_PAREN, RIGHT_PAREN, LEFT_BRACKET, RIGHT_BRACKET, COMMA, DOT,
        EQ, NE, LT, LE, GT, GE, PLUS, MINUS, END
    }

    /** A token with its position in the source (for "near" in error messages). */
    record Token(Kind kind, String text, int start, int end) {
        boolean isKeyword(String keyword) {
            return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(keyword);
        }

        String display() {
            return kind == Kind.END ? "<EOF>" : text;
        }
    }

    private ExpressionLexer() {
    }

    static List<Token> tokenize(String source, ExpressionKind kind) {
        if (source.length() > MAX_EXPRESSION_LENGTH) {
            throw kind.invalid("Expression size has exceeded the maximum allowed size; expression size: " + source.length());
        }
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            Kind type;
            if (isWordStart(c) || ((c == '#' || c == ':') && i + 1 < source.length() && isWordPart(source.charAt(i + 1)))) {
                i++;
                while (i < source.length() && isWordPart(source.charAt(i))) {
                    i++;
                }
                type = c == '#' ? Kind.NAME_PLACEHOLDER : c == ':' ? Kind.VALUE_PLACEHOLDER : Kind.IDENTIFIER;
            } else if (c >= '0' && c <= '9') {
                while (i < source.length() && Character.isDigit(source.charAt(i))) {
                    i++;
                }
                type = Kind.INTEGER;
            } else {
                String two = i + 1 < source.length() ? source.substring(i, i + 2) : "";
                if (two.equals("<>") || two.equals("<=") || two.equals(">=")) {
                    i += 2;
                    type = two.equals("<>") ? Kind.NE : two.equals("<=") ? Kind.LE : Kind.GE;
                } else {
                    i++;
                    type = switch (c) {
                        case '(' -> Kind.LEFT_PAREN;
                        case ')' -> Kind.RIGHT_PAREN;
                        case '[' -> Kind.LEFT_BRACKET;
                        case ']' -> Kind.RIGHT_BRACKET;
                        case ',' -> Kind.COMMA;
                        case '.' -> Kind.DOT;
                        case '=' -> Kind.EQ;
                        case '<' -> Kind.LT;
                        case '>' -> Kind.GT;
                        case '+' -> Kind.PLUS;
                        case '-' -> Kind.MINUS;
                        default -> throw kind.invalid("Syntax error; token: \"" + source.substring(start, i)
                                + "\", near: \"" + near(source, start, i) + "\"");
                    };
                }
            }
            tokens.add(new Token(type, source.substring(start, i), start, i));
        }
        tokens.add(new Token(Kind.END, "", source.length(), source.length()));
        return tokens;
    }

    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || (c >= '0' && c <= '9');
    }

    /** Up to ten characters of context either side of a token. */
    static String near(String source, int start, int end) {
        return source.substring(Math.max(0, start - 10), Math.min(source.length(), end + 10)).trim();
    }
}
