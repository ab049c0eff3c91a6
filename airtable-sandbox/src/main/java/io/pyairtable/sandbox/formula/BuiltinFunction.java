package io.pyairtable.sandbox.formula;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The supported functions. Names are matched case-insensitively. Unless stated otherwise a function
 * evaluates all its arguments and returns {@link Values#ERROR} if any of them is an error.
 */
enum BuiltinFunction {

    /** {@code AND(a, ...)}: TRUE when every argument is truthy. */
    AND(1, Integer.MAX_VALUE) {
        @Override
        Object apply(List<Object> args) {
            return args.stream().allMatch(Values::isTruthy);
        }
    },
    /** {@code OR(a, ...)}: TRUE when any argument is truthy. */
    OR(1, Integer.MAX_VALUE) {
        @Override
        Object apply(List<Object> args) {
            return args.stream().anyMatch(Values::isTruthy);
        }
    },
    /** {@code NOT(a)}: the opposite of the argument's truthiness. */
    NOT(1, 1) {
        @Override
        Object apply(List<Object> args) {
            return !Values.isTruthy(args.get(0));
        }
    },
    /**
     * {@code IF(condition, then[, else])}: only the chosen branch is evaluated; a missing else is
     * BLANK; an error condition gives ERROR.
     */
    IF(2, 3) {
        @Override
        Object call(List<Node> arguments, RecordView record) {
            Object condition = arguments.get(0).evaluate(record);
            if (Values.isError(condition)) {
                return Values.ERROR;
            }
            if (Values.isTruthy(condition)) {
                return arguments.get(1).evaluate(record);
            }
            return arguments.size() > 2 ? arguments.get(2).evaluate(record) : null;
        }

        @Override
        Object apply(List<Object> args) {
            throw new UnsupportedOperationException("IF evaluates its arguments lazily");
        }
    },
    /**
     * {@code FIND(needle, haystack[, start])}: 1-based position of the first case-sensitive
     * occurrence at or after the 0-based index {@code start} (default 0), or 0 when absent.
     */
    FIND(2, 3) {
        @Override
        Object apply(List<Object> args) {
            Integer start = startIndex(args);
            if (start == null) {
                return Values.ERROR;
            }
            int found = Values.toText(args.get(1)).indexOf(Values.toText(args.get(0)), start);
            return BigDecimal.valueOf(found + 1L);
        }
    },
    /**
     * {@code SEARCH(needle, haystack[, start])}: like FIND but case-insensitive, and BLANK (not 0)
     * when absent.
     */
    SEARCH(2, 3) {
        @Override
        Object apply(List<Object> args) {
            Integer start = startIndex(args);
            if (start == null) {
                return Values.ERROR;
            }
            int found = indexOfIgnoreCase(Values.toText(args.get(1)), Values.toText(args.get(0)), start);
            return found < 0 ? null : BigDecimal.valueOf(found + 1L);
        }
    },
    /** {@code LOWER(text)}. */
    LOWER(1, 1) {
        @Override
        Object apply(List<Object> args) {
            return Values.toText(args.get(0)).toLowerCase(Locale.ROOT);
        }
    },
    /** {@code UPPER(text)}. */
    UPPER(1, 1) {
        @Override
        Object apply(List<Object> args) {
            return Values.toText(args.get(0)).toUpperCase(Locale.ROOT);
        }
    },
    /** {@code LEN(text)}: number of UTF-16 characters (as in JavaScript). */
    LEN(1, 1) {
        @Override
        Object apply(List<Object> args) {
            return BigDecimal.valueOf(Values.toText(args.get(0)).length());
        }
    },
    /** {@code TRIM(text)}: removes leading and trailing whitespace. */
    TRIM(1, 1) {
        @Override
        Object apply(List<Object> args) {
            return Values.toText(args.get(0)).strip();
        }
    },
    /** {@code BLANK()}: the empty value. */
    BLANK(0, 0) {
        @Override
        Object apply(List<Object> args) {
            return null;
        }
    },
    /** {@code TRUE()}. */
    TRUE(0, 0) {
        @Override
        Object apply(List<Object> args) {
            return Boolean.TRUE;
        }
    },
    /** {@code FALSE()}. */
    FALSE(0, 0) {
        @Override
        Object apply(List<Object> args) {
            return Boolean.FALSE;
        }
    },
    /** {@code RECORD_ID()}: the id of the record being evaluated. */
    RECORD_ID(0, 0) {
        @Override
        Object call(List<Node> arguments, RecordView record) {
            return record.id();
        }

        @Override
        Object apply(List<Object> args) {
            throw new UnsupportedOperationException("RECORD_ID needs the record");
        }
    },
    /** {@code CONCATENATE(a, ...)}: the arguments' texts joined together. */
    CONCATENATE(1, Integer.MAX_VALUE) {
        @Override
        Object apply(List<Object> args) {
            StringBuilder joined = new StringBuilder();
            for (Object arg : args) {
                String text = Values.toText(arg);
                if ((long) joined.length() + text.length() > Values.MAX_TEXT_LENGTH) {
                    return Values.ERROR;
                }
                joined.append(text);
            }
            return joined.toString();
        }
    },
    /** {@code ABS(number)}. */
    ABS(1, 1) {
        @Override
        Object apply(List<Object> args) {
            BigDecimal number = Values.toArithmeticNumber(args.get(0));
            return number == null ? Values.ERROR : number.abs();
        }
    },
    /**
     * {@code ROUND(number, digits)}: rounds to {@code digits} decimal places (negative: to tens,
     * hundreds, ...); ties round toward positive infinity, as in Airtable.
     */
    ROUND(2, 2) {
        @Override
        Object apply(List<Object> args) {
            BigDecimal number = Values.toArithmeticNumber(args.get(0));
            BigDecimal digits = Values.toArithmeticNumber(args.get(1));
            if (number == null || digits == null) {
                return Values.ERROR;
            }
            int places = digits.max(BigDecimal.valueOf(-MAX_ROUND_DIGITS))
                    .min(BigDecimal.valueOf(MAX_ROUND_DIGITS))
                    .intValue();
            RoundingMode halfUpward = number.signum() >= 0 ? RoundingMode.HALF_UP : RoundingMode.HALF_DOWN;
            return Values.number(number.setScale(places, halfUpward));
        }
    },
    /**
     * {@code VALUE(text)}: converts text to a number, ignoring surrounding whitespace, {@code $}
     * and {@code ,} thousands separators; BLANK for empty text, ERROR for anything non-numeric.
     */
    VALUE(1, 1) {
        @Override
        Object apply(List<Object> args) {
            Object value = args.get(0);
            if (value instanceof BigDecimal) {
                return value;
            }
            if (value instanceof Boolean) {
                return Values.toArithmeticNumber(value);
            }
            String text = Values.toText(value).strip().replace("$", "").replace(",", "");
            if (text.isEmpty()) {
                return null;
            }
            BigDecimal number = Values.parseNumber(text);
            return number == null ? Values.ERROR : number;
        }
    };

    private static final int MAX_ROUND_DIGITS = 400;

    private final int minArguments;
    private final int maxArguments;

    BuiltinFunction(int minArguments, int maxArguments) {
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
    }

    /** The function with this (case-insensitive) name, or {@code null}. */
    static BuiltinFunction named(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (BuiltinFunction function : values()) {
            if (function.name().equals(upper)) {
                return function;
            }
        }
        return null;
    }

    boolean acceptsArgumentCount(int count) {
        return count >= minArguments && count <= maxArguments;
    }

    /** Human description of the accepted argument count, e.g. "1", "2 or 3", "at least 1". */
    String expectedArguments() {
        if (minArguments == maxArguments) {
            return Integer.toString(minArguments);
        }
        if (maxArguments == Integer.MAX_VALUE) {
            return "at least " + minArguments;
        }
        return maxArguments == minArguments + 1
                ? minArguments + " or " + maxArguments
                : minArguments + " to " + maxArguments;
    }

    /** Evaluates the call. The default evaluates every argument eagerly and propagates errors. */
    Object call(List<Node> arguments, RecordView record) {
        List<Object> values = new ArrayList<>(arguments.size());
        for (Node argument : arguments) {
            Object value = argument.evaluate(record);
            if (Values.isError(value)) {
                return Values.ERROR;
            }
            values.add(value);
        }
        return apply(values);
    }

    /** Computes the result from already evaluated, non-error arguments. */
    abstract Object apply(List<Object> args);

    /** The optional third argument of FIND/SEARCH as a non-negative index, or null if not numeric. */
    private static Integer startIndex(List<Object> args) {
        if (args.size() < 3) {
            return 0;
        }
        BigDecimal start = Values.toArithmeticNumber(args.get(2));
        if (start == null) {
            return null;
        }
        return start.max(BigDecimal.ZERO).min(BigDecimal.valueOf(Integer.MAX_VALUE)).intValue();
    }

    private static int indexOfIgnoreCase(String haystack, String needle, int start) {
        int last = haystack.length() - needle.length();
        for (int i = Math.min(start, haystack.length()); i <= last; i++) {
            if (haystack.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }
}
