package io.pyairtable.sandbox.formula;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Splits formula text into {@link Token}s. Stateless apart from the text being scanned. */
final class Lexer {

    private final String text;
    private int pos;

    Lexer(String text) {
        this.text = text;
    }

    /** Tokenizes the whole text; the last token is always {@link Token.Type#END}. */
    List<Token> tokenize() throws FormulaException {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (pos >= text.length()) {
                tokens.add(new Token(Token.Type.END, null, pos));
                return tokens;
            }
            tokens.add(nextToken());
        }
    }

    private void skipWhitespace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private Token nextToken() throws FormulaException {
        int start = pos;
        char c = text.charAt(pos);
        if (isDigit(c) || (c == '.' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1)))) {
            return number();
        }
        if (isIdentifierStart(c)) {
            return identifier();
        }
        switch (c) {
            case '"':
            case '\'':
                return string(c);
            case '{':
                return field();
            case '(':
                return symbol(Token.Type.LEFT_PAREN, 1);
            case ')':
                return symbol(Token.Type.RIGHT_PAREN, 1);
            case ',':
                return symbol(Token.Type.COMMA, 1);
            case '+':
                return symbol(Token.Type.PLUS, 1);
            case '-':
                return symbol(Token.Type.MINUS, 1);
            case '*':
                return symbol(Token.Type.STAR, 1);
            case '/':
                return symbol(Token.Type.SLASH, 1);
            case '&':
                return symbol(Token.Type.AMPERSAND, 1);
            case '=':
                return symbol(Token.Type.EQUAL, 1);
            case '!':
                if (peek(1) == '=') {
                    return symbol(Token.Type.NOT_EQUAL, 2);
                }
                break;
            case '<':
                return peek(1) == '=' ? symbol(Token.Type.LESS_EQUAL, 2) : symbol(Token.Type.LESS, 1);
            case '>':
                return peek(1) == '=' ? symbol(Token.Type.GREATER_EQUAL, 2) : symbol(Token.Type.GREATER, 1);
            default:
                break;
        }
        throw new FormulaException("Unexpected character " + describeChar(start) + " at position " + (start + 1));
    }

    private char peek(int offset) {
        int i = pos + offset;
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private Token symbol(Token.Type type, int length) {
        Token token = new Token(type, null, pos);
        pos += length;
        return token;
    }

    /** {@code 12}, {@code 1.5}, {@code .5}, {@code 1e3}, {@code 2.5E-4}. No sign: minus is an operator. */
    private Token number() throws FormulaException {
        int start = pos;
        skipDigits();
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            skipDigits();
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int exponentStart = pos + 1;
            if (exponentStart < text.length() && (text.charAt(exponentStart) == '+' || text.charAt(exponentStart) == '-')) {
                exponentStart++;
            }
            if (exponentStart < text.length() && isDigit(text.charAt(exponentStart))) {
                pos = exponentStart;
                skipDigits();
            }
        }
        String spelling = text.substring(start, pos);
        Object value;
        try {
            value = Values.number(new BigDecimal(spelling));
        } catch (NumberFormatException | ArithmeticException e) {
            value = Values.ERROR;
        }
        if (value == Values.ERROR) {
            throw new FormulaException("Number " + abbreviate(spelling) + " at position " + (start + 1) + " is out of range");
        }
        return new Token(Token.Type.NUMBER, value, start);
    }

    private void skipDigits() {
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
    }

    private Token identifier() {
        int start = pos;
        while (pos < text.length() && isIdentifierPart(text.charAt(pos))) {
            pos++;
        }
        return new Token(Token.Type.IDENTIFIER, text.substring(start, pos), start);
    }

    /** A string in {@code "..."} or {@code '...'}; backslash escapes: \n, \t, \r, any other \x is x. */
    private Token string(char quote) throws FormulaException {
        int start = pos;
        pos++; // opening quote
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return new Token(Token.Type.STRING, value.toString(), start);
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                char escaped = text.charAt(pos++);
                switch (escaped) {
                    case 'n':
                        value.append('\n');
                        break;
                    case 't':
                        value.append('\t');
                        break;
                    case 'r':
                        value.append('\r');
                        break;
                    default:
                        value.append(escaped);
                }
            } else {
                value.append(c);
            }
        }
        throw new FormulaException("Unterminated string starting at position " + (start + 1));
    }

    /** A field reference {@code {Name}}; a backslash makes the next character literal. */
    private Token field() throws FormulaException {
        int start = pos;
        pos++; // opening brace
        StringBuilder name = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '}') {
                if (name.length() == 0) {
                    throw new FormulaException("Empty field name at position " + (start + 1));
                }
                return new Token(Token.Type.FIELD, name.toString(), start);
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                name.append(text.charAt(pos++));
            } else {
                name.append(c);
            }
        }
        throw new FormulaException("Unterminated field reference starting at position " + (start + 1));
    }

    private String describeChar(int index) {
        int codePoint = text.codePointAt(index);
        if (Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)
                || !Character.isDefined(codePoint) || Character.getType(codePoint) == Character.SURROGATE) {
            return String.format("U+%04X", codePoint);
        }
        return "'" + new String(Character.toChars(codePoint)) + "'";
    }

    private static String abbreviate(String s) {
        return s.length() <= 30 ? s : s.substring(0, 27) + "...";
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }
}
