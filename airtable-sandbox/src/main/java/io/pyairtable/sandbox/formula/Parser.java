package io.pyairtable.sandbox.formula;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent parser. Grammar, lowest precedence first:
 *
 * <pre>
 * formula        = comparison END
 * comparison     = concatenation { ("=" | "!=" | "&lt;" | "&gt;" | "&lt;=" | "&gt;=") concatenation }
 * concatenation  = additive { "&amp;" additive }
 * additive       = multiplicative { ("+" | "-") multiplicative }
 * multiplicative = unary { ("*" | "/") unary }
 * unary          = "-" unary | primary
 * primary        = NUMBER | STRING | FIELD | "(" comparison ")"
 *                | IDENTIFIER "(" [ comparison { "," comparison } ] ")"    (function call)
 *                | IDENTIFIER                                              (TRUE, FALSE or a field)
 * </pre>
 *
 * Nesting (parentheses, function arguments, unary minus) is limited to {@link Formula#MAX_DEPTH}
 * levels so that neither parsing nor evaluation can exhaust the stack.
 */
final class Parser {

    private final List<Token> tokens;
    private final Set<String> referencedFields = new LinkedHashSet<>();
    private int index;
    private int depth;

    Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    Node parseFormula() throws FormulaException {
        Node root = parseLevel(Operator.Precedence.COMPARISON);
        if (current().type() != Token.Type.END) {
            throw unexpected(current());
        }
        return root;
    }

    /** Field names in first-seen order; valid after {@link #parseFormula()}. */
    Set<String> referencedFields() {
        return referencedFields;
    }

    /** Parses a left-associative chain of operators of the given precedence level. */
    private Node parseLevel(Operator.Precedence level) throws FormulaException {
        Node first = parseOperand(level);
        List<Operator> operators = new ArrayList<>();
        List<Node> operands = new ArrayList<>();
        while (true) {
            Operator operator = Operator.forToken(current().type());
            if (operator == null || operator.precedence() != level) {
                break;
            }
            index++;
            operators.add(operator);
            operands.add(parseOperand(level));
        }
        return operators.isEmpty() ? first : new Node.OperatorChain(first, operators, operands);
    }

    /** An operand of the given level: the next tighter-binding level, or a unary expression. */
    private Node parseOperand(Operator.Precedence level) throws FormulaException {
        Operator.Precedence[] levels = Operator.Precedence.values();
        int next = level.ordinal() + 1;
        return next < levels.length ? parseLevel(levels[next]) : parseUnary();
    }

    private Node parseUnary() throws FormulaException {
        if (current().type() == Token.Type.MINUS) {
            index++;
            enterNesting();
            Node operand = parseUnary();
            depth--;
            return new Node.Negation(operand);
        }
        return parsePrimary();
    }

    private Node parsePrimary() throws FormulaException {
        Token token = current();
        switch (token.type()) {
            case NUMBER:
            case STRING:
                index++;
                return new Node.Literal(token.value());
            case FIELD:
                index++;
                return fieldReference((String) token.value());
            case LEFT_PAREN: {
                index++;
                enterNesting();
                Node inner = parseLevel(Operator.Precedence.COMPARISON);
                expect(Token.Type.RIGHT_PAREN);
                depth--;
                return inner;
            }
            case IDENTIFIER:
                index++;
                return identifier(token);
            default:
                throw unexpected(token);
        }
    }

    private Node identifier(Token token) throws FormulaException {
        String name = (String) token.value();
        if (current().type() == Token.Type.LEFT_PAREN) {
            return functionCall(name);
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.equals("TRUE")) {
            return new Node.Literal(Boolean.TRUE);
        }
        if (upper.equals("FALSE")) {
            return new Node.Literal(Boolean.FALSE);
        }
        return fieldReference(name);
    }

    private Node functionCall(String name) throws FormulaException {
        BuiltinFunction function = BuiltinFunction.named(name);
        if (function == null) {
            throw new FormulaException("Unknown function " + name);
        }
        expect(Token.Type.LEFT_PAREN);
        enterNesting();
        List<Node> arguments = new ArrayList<>();
        if (current().type() != Token.Type.RIGHT_PAREN) {
            arguments.add(parseLevel(Operator.Precedence.COMPARISON));
            while (current().type() == Token.Type.COMMA) {
                index++;
                arguments.add(parseLevel(Operator.Precedence.COMPARISON));
            }
        }
        expect(Token.Type.RIGHT_PAREN);
        depth--;
        if (!function.acceptsArgumentCount(arguments.size())) {
            throw new FormulaException("Wrong number of arguments to " + function.name()
                    + " (expected " + function.expectedArguments() + ", got " + arguments.size() + ")");
        }
        return new Node.FunctionCall(function, arguments);
    }

    private Node fieldReference(String name) {
        referencedFields.add(name);
        return new Node.FieldReference(name);
    }

    private void enterNesting() throws FormulaException {
        depth++;
        if (depth > Formula.MAX_DEPTH) {
            throw new FormulaException("Formula is nested too deeply (more than " + Formula.MAX_DEPTH + " levels)");
        }
    }

    private void expect(Token.Type type) throws FormulaException {
        Token token = current();
        if (token.type() != type) {
            String expected = "expected '" + type.symbol() + "'";
            if (token.type() == Token.Type.END) {
                throw new FormulaException("Unexpected end of formula, " + expected);
            }
            throw new FormulaException("Unexpected " + token.describe() + " at position "
                    + token.humanPosition() + ", " + expected);
        }
        index++;
    }

    private Token current() {
        return tokens.get(index);
    }

    private static FormulaException unexpected(Token token) {
        if (token.type() == Token.Type.END) {
            return new FormulaException("Unexpected end of formula");
        }
        return new FormulaException("Unexpected " + token.describe() + " at position " + token.humanPosition());
    }
}
