package io.pyairtable.sandbox.formula;

import java.math.BigDecimal;
import java.util.List;

/**
 * A node of the parsed formula tree. Evaluation never throws: problems become {@link Values#ERROR}.
 * Trees are immutable and may be evaluated concurrently.
 */
interface Node {

    Object evaluate(RecordView record);

    /** A number, string or boolean literal. */
    record Literal(Object value) implements Node {
        @Override
        public Object evaluate(RecordView record) {
            return value;
        }
    }

    /** {@code {Name}} or a bare identifier naming a field. */
    record FieldReference(String name) implements Node {
        @Override
        public Object evaluate(RecordView record) {
            return Values.fromCell(record.field(name));
        }
    }

    /** Unary minus. */
    record Negation(Node operand) implements Node {
        @Override
        public Object evaluate(RecordView record) {
            Object value = operand.evaluate(record);
            if (Values.isError(value)) {
                return value;
            }
            BigDecimal number = Values.toArithmeticNumber(value);
            return number == null ? Values.ERROR : number.negate();
        }
    }

    /**
     * A left-associative chain of operators of one precedence level, {@code a + b - c}, kept flat
     * (rather than as a left-deep tree) so that long chains are evaluated by a loop, not recursion.
     */
    record OperatorChain(Node first, List<Operator> operators, List<Node> operands) implements Node {
        public OperatorChain {
            operators = List.copyOf(operators);
            operands = List.copyOf(operands);
        }

        @Override
        public Object evaluate(RecordView record) {
            Object result = first.evaluate(record);
            for (int i = 0; i < operators.size(); i++) {
                result = operators.get(i).apply(result, operands.get(i).evaluate(record));
            }
            return result;
        }
    }

    /** A call of a built-in function; the arity was checked by the parser. */
    record FunctionCall(BuiltinFunction function, List<Node> arguments) implements Node {
        public FunctionCall {
            arguments = List.copyOf(arguments);
        }

        @Override
        public Object evaluate(RecordView record) {
            try {
                return function.call(arguments, record);
            } catch (ArithmeticException e) {
                return Values.ERROR;
            }
        }
    }
}
