package io.pyairtable.sandbox.formula;

import java.math.BigDecimal;

/**
 * Binary operators, from highest to lowest precedence: {@code * /}, {@code + -}, {@code &},
 * comparisons. All are left-associative. Any {@link Values#ERROR} operand gives ERROR.
 */
enum Operator {
    MULTIPLY(Precedence.MULTIPLICATIVE) {
        @Override
        Object applyToValues(Object left, Object right) {
            return arithmetic(left, right, (a, b) -> Values.number(a.multiply(b, Values.MATH)));
        }
    },
    DIVIDE(Precedence.MULTIPLICATIVE) {
        @Override
        Object applyToValues(Object left, Object right) {
            return arithmetic(left, right,
                    (a, b) -> b.signum() == 0 ? Values.ERROR : Values.number(a.divide(b, Values.MATH)));
        }
    },
    ADD(Precedence.ADDITIVE) {
        @Override
        Object applyToValues(Object left, Object right) {
            return arithmetic(left, right, (a, b) -> Values.number(a.add(b, Values.MATH)));
        }
    },
    SUBTRACT(Precedence.ADDITIVE) {
        @Override
        Object applyToValues(Object left, Object right) {
            return arithmetic(left, right, (a, b) -> Values.number(a.subtract(b, Values.MATH)));
        }
    },
    CONCATENATE(Precedence.CONCATENATION) {
        @Override
        Object applyToValues(Object left, Object right) {
            String l = Values.toText(left);
            String r = Values.toText(right);
            if ((long) l.length() + r.length() > Values.MAX_TEXT_LENGTH) {
                return Values.ERROR;
            }
            return l + r;
        }
    },
    EQUAL(Precedence.COMPARISON) {
        @Override
        Object applyToValues(Object left, Object right) {
            return Comparison.areEqual(left, right);
        }
    },
    NOT_EQUAL(Precedence.COMPARISON) {
        @Override
        Object applyToValues(Object left, Object right) {
            return !Comparison.areEqual(left, right);
        }
    },
    LESS(Precedence.COMPARISON) {
        @Override
        Object applyToValues(Object left, Object right) {
            return Comparison.compare(left, right) < 0;
        }
    },
    GREATER(Precedence.COMPARISON) {
        @Override
        Object applyToValues(Object left, Object right) {
            return Comparison.compare(left, right) > 0;
        }
    },
    LESS_OR_EQUAL(Precedence.COMPARISON) {
        @Override
        Object applyToValues(Object left, Object right) {
            return Comparison.compare(left, right) <= 0;
        }
    },
    GREATER_OR_EQUAL(Precedence.COMPARISON) {
        @Override
        Object applyToValues(Object left, Object right) {
            return Comparison.compare(left, right) >= 0;
        }
    };

    /** Binding strength levels; the parser has one method per level. */
    enum Precedence { COMPARISON, CONCATENATION, ADDITIVE, MULTIPLICATIVE }

    private final Precedence precedence;

    Operator(Precedence precedence) {
        this.precedence = precedence;
    }

    Precedence precedence() {
        return precedence;
    }

    /** The binary operator a token stands for, or {@code null} if the token is not one. */
    static Operator forToken(Token.Type type) {
        switch (type) {
            case STAR: return MULTIPLY;
            case SLASH: return DIVIDE;
            case PLUS: return ADD;
            case MINUS: return SUBTRACT;
            case AMPERSAND: return CONCATENATE;
            case EQUAL: return EQUAL;
            case NOT_EQUAL: return NOT_EQUAL;
            case LESS: return LESS;
            case GREATER: return GREATER;
            case LESS_EQUAL: return LESS_OR_EQUAL;
            case GREATER_EQUAL: return GREATER_OR_EQUAL;
            default: return null;
        }
    }

    /** Applies the operator; never throws. */
    final Object apply(Object left, Object right) {
        if (Values.isError(left) || Values.isError(right)) {
            return Values.ERROR;
        }
        try {
            return applyToValues(left, right);
        } catch (ArithmeticException e) {
            return Values.ERROR;
        }
    }

    /** Applies the operator to two non-error values. */
    abstract Object applyToValues(Object left, Object right);

    private interface NumberOperation {
        Object apply(BigDecimal left, BigDecimal right);
    }

    private static Object arithmetic(Object left, Object right, NumberOperation operation) {
        BigDecimal a = Values.toArithmeticNumber(left);
        BigDecimal b = Values.toArithmeticNumber(right);
        if (a == null || b == null) {
            return Values.ERROR;
        }
        return operation.apply(a, b);
    }
}
