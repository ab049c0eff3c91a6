package io.pyairtable.local.dynamodb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pyairtable.local.dynamodb.ExpressionLexer.Kind;
import io.pyairtable.local.dynamodb.ExpressionLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser for DynamoDB's expression languages. Placeholders are resolved while parsing, so the result
 * needs no further context; names and values used are recorded in {@link ExpressionAttributes}.
 *
 * <pre>
 * condition  := or
 * or         := and ("OR" and)*
 * and        := not ("AND" not)*
 * not        := "NOT" not | primary
 * primary    := "(" condition ")" | function "(" operands ")"
 *             | operand (comparator operand | "BETWEEN" operand "AND" operand | "IN" "(" operand ("," operand)* ")")
 * operand    := path | ":value" | "size" "(" path ")"
 * path       := (name | "#name") ("." (name | "#name") | "[" integer "]")*
 * update     := (("SET" set ("," set)*) | ("REMOVE" path ("," path)*) | ("ADD" path value ("," path value)*)
 *                | ("DELETE" path value ("," path value)*))+
 * set        := path "=" setValue ;  setValue := setOperand (("+" | "-") setOperand)?
 * setOperand := path | ":value" | "if_not_exists" "(" path "," setValue ")" | "list_append" "(" setValue "," setValue ")"
 * projection := path ("," path)*
 * </pre>
 * Precedence, highest first: comparisons/BETWEEN/IN/functions, parentheses, NOT, AND, OR.
 */
final class ExpressionParser {
    private static final Set<String> CONDITION_FUNCTIONS =
            Set.of("attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains");
    private static final Map<Kind, Condition.Comparator> COMPARATORS = Map.of(Kind.EQ, Condition.Comparator.EQ,
            Kind.NE, Condition.Comparator.NE, Kind.LT, Condition.Comparator.LT, Kind.LE, Condition.Comparator.LE,
            Kind.GT, Condition.Comparator.GT, Kind.GE, Condition.Comparator.GE);
    private static final int MAX_IN_OPERANDS = 100;
    /** Deepest nesting of parentheses and NOTs accepted; keeps hostile input from exhausting the stack. */
    private static final int MAX_NESTING = 100;

    private final String source;
    private final ExpressionKind kind;
    private final ExpressionAttributes attributes;
    private final List<Token> tokens;
    private int position;
    private int nesting;

    private ExpressionParser(String source, ExpressionKind kind, ExpressionAttributes attributes) {
        this.source = source;
        this.kind = kind;
        this.attributes = attributes;
        this.tokens = ExpressionLexer.tokenize(source, kind);
        if (tokens.size() == 1) {
            throw kind.invalid("The expression can not be empty;");
        }
    }

    /** Parses a condition, filter or key condition expression. */
    static Condition parseCondition(String source, ExpressionKind kind, ExpressionAttributes attributes) {
        ExpressionParser parser = new ExpressionParser(source, kind, attributes);
        Condition condition = parser.or();
        parser.expect(Kind.END);
        return condition;
    }

    /** Parses an update expression. */
    static UpdateExpression parseUpdate(String source, ExpressionAttributes attributes) {
        ExpressionParser parser = new ExpressionParser(source, ExpressionKind.UPDATE, attributes);
        return parser.update();
    }

    /** Parses a projection expression into its document paths. */
    static List<AttributePath> parseProjection(String source, ExpressionAttributes attributes) {
        ExpressionParser parser = new ExpressionParser(source, ExpressionKind.PROJECTION, attributes);
        List<AttributePath> paths = new ArrayList<>();
        do {
            paths.add(parser.path());
        } while (parser.accept(Kind.COMMA));
        parser.expect(Kind.END);
        requireNoOverlap(paths, ExpressionKind.PROJECTION);
        return paths;
    }

    // ---- conditions --------------------------------------------------------------------------------------------

    private Condition or() {
        Condition left = and();
        while (peek().isKeyword("OR")) {
            next();
            left = new Condition.Or(left, and());
        }
        return left;
    }

    private Condition and() {
        Condition left = not();
        while (peek().isKeyword("AND")) {
            next();
            left = new Condition.And(left, not());
        }
        return left;
    }

    private Condition not() {
        if (peek().isKeyword("NOT")) {
            next();
            enter();
            Condition negated = new Condition.Not(not());
            nesting--;
            return negated;
        }
        return primary();
    }

    private void enter() {
        if (++nesting > MAX_NESTING) {
            throw kind.invalid("The expression is nested too deeply; maximum depth: " + MAX_NESTING);
        }
    }

    private Condition primary() {
        if (accept(Kind.LEFT_PAREN)) {
            enter();
            Condition inner = or();
            expect(Kind.RIGHT_PAREN);
            nesting--;
            return inner;
        }
        if (isFunctionCall() && !peek().text().equals("size")) {
            return conditionFunction();
        }
        Operand left = operand();
        Token token = peek();
        Condition.Comparator comparator = COMPARATORS.get(token.kind());
        if (comparator != null) {
            next();
            Operand right = operand();
            if (comparator != Condition.Comparator.EQ && comparator != Condition.Comparator.NE) {
                requireOrderableLiteral(left, comparator.symbol());
                requireOrderableLiteral(right, comparator.symbol());
            }
            return new Condition.Compare(left, comparator, right);
        }
        if (token.isKeyword("BETWEEN")) {
            next();
            Operand lower = operand();
            if (!peek().isKeyword("AND")) {
                throw syntaxError(peek());
            }
            next();
            Operand upper = operand();
            requireOrderableLiteral(left, "BETWEEN");
            requireOrderableLiteral(lower, "BETWEEN");
            requireOrderableLiteral(upper, "BETWEEN");
            requireBoundsInOrder(lower, upper);
            return new Condition.Between(left, lower, upper);
        }
        if (token.isKeyword("IN")) {
            next();
            expect(Kind.LEFT_PAREN);
            List<Operand> candidates = new ArrayList<>();
            do {
                candidates.add(operand());
            } while (accept(Kind.COMMA));
            expect(Kind.RIGHT_PAREN);
            if (candidates.size() > MAX_IN_OPERANDS) {
                throw kind.invalid("The IN operator is provided with too many operands; number of operands: " + candidates.size());
            }
            return new Condition.In(left, candidates);
        }
        throw syntaxError(token);
    }

    private Condition conditionFunction() {
        Token nameToken = next();
        String name = nameToken.text();
        if (!CONDITION_FUNCTIONS.contains(name)) {
            if (name.equals("if_not_exists") || name.equals("list_append")) {
                throw kind.invalid("The function is not allowed to be used this way in an expression; function: " + name);
            }
            throw kind.invalid("Invalid function name; function: " + name);
        }
        expect(Kind.LEFT_PAREN);
        List<Operand> args = new ArrayList<>();
        do {
            args.add(operand());
        } while (accept(Kind.COMMA));
        expect(Kind.RIGHT_PAREN);
        int expected = name.startsWith("attribute_") && !name.equals("attribute_type") ? 1 : 2;
        if (args.size() != expected) {
            throw kind.invalid("Incorrect number of operands for operator or function; operator or function: " + name
                    + ", number of operands: " + args.size());
        }
        return switch (name) {
            case "attribute_exists" -> new Condition.AttributeExists(requirePath(args.get(0), name));
            case "attribute_not_exists" -> new Condition.AttributeNotExists(requirePath(args.get(0), name));
            case "attribute_type" -> new Condition.AttributeType(requirePath(args.get(0), name), typeName(args.get(1)));
            case "begins_with" -> {
                requireLiteralType(args.get(0), name, "S", "B");
                requireLiteralType(args.get(1), name, "S", "B");
                yield new Condition.BeginsWith(args.get(0), args.get(1));
            }
            default -> new Condition.Contains(args.get(0), args.get(1));
        };
    }

    private String typeName(Operand operand) {
        String type = operand instanceof Operand.Value v && v.value().has("S") ? v.value().get("S").asText() : null;
        if (type == null || !AttributeValues.TYPES.contains(type)) {
            throw kind.invalid("Invalid attribute type name found; type: " + (type == null ? operand : type)
                    + ", valid types: { B, NULL, SS, BOOL, L, BS, N, NS, S, M }");
        }
        return type;
    }

    private Operand operand() {
        if (isFunctionCall()) {
            String name = next().text();
            if (!name.equals("size")) {
                if (CONDITION_FUNCTIONS.contains(name) || name.equals("if_not_exists") || name.equals("list_append")) {
                    throw kind.invalid("The function is not allowed to be used this way in an expression; function: " + name);
                }
                throw kind.invalid("Invalid function name; function: " + name);
            }
            expect(Kind.LEFT_PAREN);
            AttributePath path = requirePath(operand(), "size");
            expect(Kind.RIGHT_PAREN);
            return new Operand.Size(path);
        }
        if (peek().kind() == Kind.VALUE_PLACEHOLDER) {
            return value(next());
        }
        return new Operand.Path(path());
    }

    // ---- update expressions ------------------------------------------------------------------------------------

    private UpdateExpression update() {
        UpdateExpression.Builder update = new UpdateExpression.Builder();
        Set<String> seen = new java.util.HashSet<>();
        while (peek().kind() != Kind.END) {
            Token clause = next();
            String section = clause.text().toUpperCase(java.util.Locale.ROOT);
            if (clause.kind() != Kind.IDENTIFIER || !Set.of("SET", "REMOVE", "ADD", "DELETE").contains(section)) {
                throw syntaxError(clause);
            }
            if (!seen.add(section)) {
                throw kind.invalid("The \"" + section + "\" section can only be used once in an update expression;");
            }
            do {
                AttributePath path = path();
                switch (section) {
                    case "SET" -> {
                        expect(Kind.EQ);
                        update.set(path, setValue());
                    }
                    case "REMOVE" -> update.remove(path);
                    case "ADD" -> {
                        ObjectNode value = setOrNumberValue("ADD", true);
                        update.add(path, value);
                    }
                    default -> update.delete(path, setOrNumberValue("DELETE", false));
                }
            } while (accept(Kind.COMMA));
        }
        UpdateExpression expression = update.build();
        requireNoOverlap(expression.paths(), ExpressionKind.UPDATE);
        return expression;
    }

    private ObjectNode setOrNumberValue(String operator, boolean numbersAllowed) {
        Token token = peek();
        if (token.kind() != Kind.VALUE_PLACEHOLDER) {
            throw syntaxError(token);
        }
        ObjectNode value = value(next()).value();
        String type = AttributeValues.type(value);
        if (!AttributeValues.isSet(type) && !(numbersAllowed && type.equals("N"))) {
            throw kind.invalid("Incorrect operand type for operator or function; operator: " + operator
                    + ", operand type: " + typeDisplayName(type));
        }
        return value;
    }

    private Operand setValue() {
        Operand left = setOperand();
        if (peek().kind() == Kind.PLUS || peek().kind() == Kind.MINUS) {
            boolean plus = next().kind() == Kind.PLUS;
            Operand right = setOperand();
            requireLiteralType(left, plus ? "+" : "-", "N");
            requireLiteralType(right, plus ? "+" : "-", "N");
            return new Operand.Arithmetic(left, plus, right);
        }
        return left;
    }

    private Operand setOperand() {
        if (isFunctionCall()) {
            String name = next().text();
            expect(Kind.LEFT_PAREN);
            Operand result;
            if (name.equals("if_not_exists")) {
                AttributePath path = requirePath(setValue(), name);
                expect(Kind.COMMA);
                result = new Operand.IfNotExists(path, setValue());
            } else if (name.equals("list_append")) {
                Operand first = setValue();
                expect(Kind.COMMA);
                Operand second = setValue();
                requireLiteralType(first, name, "L");
                requireLiteralType(second, name, "L");
                result = new Operand.ListAppend(first, second);
            } else if (CONDITION_FUNCTIONS.contains(name) || name.equals("size")) {
                throw kind.invalid("The function is not allowed in an update expression; function: " + name);
            } else {
                throw kind.invalid("Invalid function name; function: " + name);
            }
            expect(Kind.RIGHT_PAREN);
            return result;
        }
        if (peek().kind() == Kind.VALUE_PLACEHOLDER) {
            return value(next());
        }
        return new Operand.Path(path());
    }

    // ---- paths and values --------------------------------------------------------------------------------------

    private AttributePath path() {
        List<AttributePath.Step> steps = new ArrayList<>();
        steps.add(new AttributePath.Step(pathName(next()), 0));
        while (true) {
            if (accept(Kind.DOT)) {
                steps.add(new AttributePath.Step(pathName(next()), 0));
            } else if (accept(Kind.LEFT_BRACKET)) {
                Token index = next();
                if (index.kind() != Kind.INTEGER) {
                    throw syntaxError(index);
                }
                int value;
                try {
                    value = Integer.parseInt(index.text());
                } catch (NumberFormatException tooBig) {
                    throw kind.invalid("List index is too large; index: " + index.text());
                }
                steps.add(new AttributePath.Step(null, value));
                expect(Kind.RIGHT_BRACKET);
            } else {
                return new AttributePath(steps);
            }
        }
    }

    private String pathName(Token token) {
        if (token.kind() == Kind.NAME_PLACEHOLDER) {
            String name = attributes.name(token.text());
            if (name == null) {
                throw kind.invalid("An expression attribute name used in the document path is not defined; attribute name: "
                        + token.text());
            }
            return name;
        }
        if (token.kind() != Kind.IDENTIFIER) {
            throw syntaxError(token);
        }
        if (ReservedWords.isReserved(token.text())) {
            throw kind.invalid("Attribute name is a reserved keyword; reserved keyword: " + token.text());
        }
        return token.text();
    }

    private Operand.Value value(Token token) {
        ObjectNode value = attributes.value(token.text());
        if (value == null) {
            throw kind.invalid("An expression attribute value used in expression is not defined; attribute value: "
                    + token.text());
        }
        return new Operand.Value(token.text(), value);
    }

    // ---- checks ------------------------------------------------------------------------------------------------

    private AttributePath requirePath(Operand operand, String function) {
        if (operand instanceof Operand.Path path) {
            return path.path();
        }
        throw kind.invalid("Operator or function requires a document path; operator or function: " + function);
    }

    private void requireOrderableLiteral(Operand operand, String operator) {
        requireLiteralType(operand, operator, "S", "N", "B");
    }

    private void requireLiteralType(Operand operand, String operator, String... allowed) {
        if (operand instanceof Operand.Value v) {
            String type = AttributeValues.type(v.value());
            if (!List.of(allowed).contains(type)) {
                throw kind.invalid("Incorrect operand type for operator or function; operator or function: " + operator
                        + ", operand type: " + typeDisplayName(type));
            }
        }
    }

    private void requireBoundsInOrder(Operand lower, Operand upper) {
        if (lower instanceof Operand.Value lo && upper instanceof Operand.Value hi
                && AttributeValues.type(lo.value()).equals(AttributeValues.type(hi.value()))
                && AttributeValues.compare(lo.value(), hi.value()) > 0) {
            throw kind.invalid("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                    + "lower bound operand: AttributeValue: " + brief(lo.value()) + ", upper bound operand: AttributeValue: "
                    + brief(hi.value()));
        }
    }

    private static String brief(ObjectNode value) {
        String type = AttributeValues.type(value);
        return "{" + type + ":" + value.get(type).asText() + "}";
    }

    static String typeDisplayName(String type) {
        return switch (type) {
            case "S" -> "STRING";
            case "N" -> "NUMBER";
            case "B" -> "BINARY";
            case "BOOL" -> "BOOLEAN";
            case "NULL" -> "NULL";
            case "M" -> "MAP";
            case "L" -> "LIST";
            case "SS" -> "STRING_SET";
            case "NS" -> "NUMBER_SET";
            default -> "BINARY_SET";
        };
    }

    private static void requireNoOverlap(List<AttributePath> paths, ExpressionKind kind) {
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                if (paths.get(i).overlaps(paths.get(j))) {
                    throw kind.invalid("Two document paths overlap with each other; must remove or rewrite one of these paths; "
                            + "path one: " + paths.get(i).describe() + ", path two: " + paths.get(j).describe());
                }
            }
        }
    }

    // ---- token helpers -----------------------------------------------------------------------------------------

    private boolean isFunctionCall() {
        return peek().kind() == Kind.IDENTIFIER && tokens.get(position + 1).kind() == Kind.LEFT_PAREN;
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.kind() != Kind.END) {
            position++;
        }
        return token;
    }

    private boolean accept(Kind expected) {
        if (peek().kind() == expected) {
            next();
            return true;
        }
        return false;
    }

    private void expect(Kind expected) {
        if (!accept(expected)) {
            throw syntaxError(peek());
        }
    }

    private DynamoDbException syntaxError(Token token) {
        int index = tokens.indexOf(token);
        Token before = index > 0 ? tokens.get(index - 1) : token;
        Token after = index + 1 < tokens.size() ? tokens.get(index + 1) : token;
        String near = source.substring(before.start(), Math.max(before.start(), after.end())).trim();
        return kind.invalid("Syntax error; token: \"" + token.display() + "\", near: \"" + near + "\"");
    }

}
