/**
 * The {@code filterByFormula} engine of the sandbox: a hand-written lexer, recursive-descent parser
 * and evaluator for a subset of Airtable's formula language. Entry point: {@link
 * io.pyairtable.sandbox.formula.Formula#compile(String)}.
 *
 * <h2>Syntax</h2>
 * <ul>
 *   <li><b>Field references</b>: {@code {Field Name}}. Inside braces a backslash makes the next
 *       character literal ({@code \}} is {@code }}, {@code \\} is {@code \}); every other character,
 *       including spaces, quotes, {@code {} and unicode, is part of the name. Empty names are
 *       rejected. A bare identifier {@code [A-Za-z_][A-Za-z0-9_]*} that is not followed by
 *       {@code (} (whitespace in between is allowed: {@code LEN ('a')} is a call) and is not {@code TRUE}/{@code FALSE} is also a field reference.</li>
 *   <li><b>Numbers</b>: {@code 12}, {@code 1.5}, {@code .5}, {@code 1e3}, {@code 2.5E-4}; negative
 *       numbers via unary minus. Magnitudes above about 1e308 are rejected.</li>
 *   <li><b>Strings</b>: in {@code "double"} or {@code 'single'} quotes. A backslash escapes:
 *       {@code \n} newline, {@code \t} tab, {@code \r} carriage return, any other {@code \x} is
 *       {@code x} (so {@code \"}, {@code \'} and {@code \\} work). Raw newlines are allowed.</li>
 *   <li><b>Booleans</b>: {@code TRUE()}, {@code FALSE()}, and bare {@code TRUE} / {@code FALSE}
 *       (case-insensitive).</li>
 *   <li><b>Operators</b>, tightest first, all left-associative: unary {@code -}; {@code * /};
 *       {@code + -}; {@code &} (text concatenation); comparisons
 *       {@code = != < > <= >=}. Parentheses group.</li>
 *   <li><b>Functions</b> (case-insensitive names): {@code AND(a, ...)}, {@code OR(a, ...)},
 *       {@code NOT(a)}, {@code IF(cond, then[, else])}, {@code FIND(needle, haystack[, start])},
 *       {@code SEARCH(needle, haystack[, start])}, {@code LOWER(t)}, {@code UPPER(t)},
 *       {@code LEN(t)}, {@code TRIM(t)}, {@code BLANK()}, {@code TRUE()}, {@code FALSE()},
 *       {@code RECORD_ID()}, {@code CONCATENATE(a, ...)}, {@code ABS(n)},
 *       {@code ROUND(n, digits)}, {@code VALUE(t)}. Any other name is rejected with
 *       "Unknown function NAME"; a wrong argument count with "Wrong number of arguments to NAME".</li>
 *   <li>Limits: at most {@value io.pyairtable.sandbox.formula.Formula#MAX_LENGTH} characters and
 *       {@value io.pyairtable.sandbox.formula.Formula#MAX_DEPTH} levels of nesting.</li>
 * </ul>
 *
 * <h2>Values and coercion</h2>
 * <ul>
 *   <li>Cells: an empty cell is BLANK ({@code null}); numbers become {@code BigDecimal}; a checkbox
 *       is a boolean (unchecked is stored as BLANK); lists (multiple selects, linked records,
 *       lookups) stay lists; a map cell becomes its {@code "name"}, else {@code "filename"}, else
 *       {@code "email"} (collaborators, attachments), also inside lists.</li>
 *   <li>Text context ({@code &}, text functions, comparison with text): BLANK is {@code ""};
 *       numbers use plain notation without trailing zeros (2.50 is "2.5", 1e3 is "1000");
 *       booleans are "TRUE"/"FALSE"; lists are joined with ", ".</li>
 *   <li>Arithmetic: BLANK and {@code ""} are 0, TRUE/FALSE are 1/0, text must be a plain number
 *       (whitespace allowed around it), otherwise the result is an error. Arithmetic is decimal
 *       with 34 significant digits (0.1 + 0.2 = 0.3).</li>
 *   <li>{@code =} and {@code !=}: BLANK equals BLANK, {@code ""}, an empty list and FALSE, but not
 *       0. Numbers and booleans compare numerically with each other and with numeric text
 *       ({@code 5 = "5"}). Other values compare as text, case-sensitively; two strings are always
 *       compared as text.</li>
 *   <li>{@code < > <= >=}: numerically when one side is a number or boolean and the other is
 *       numeric (BLANK counts as 0); otherwise as text by UTF-16 code units (BLANK is "").</li>
 *   <li>Truthiness: BLANK, {@code ""}, 0, FALSE, an empty list and errors are false; everything
 *       else is true.</li>
 *   <li>Errors (non-numeric arithmetic, division by zero, ...) propagate and are falsy; see
 *       {@link io.pyairtable.sandbox.formula.Formula}.</li>
 * </ul>
 *
 * <h2>Out of scope</h2>
 * Dates and date functions ({@code IS_BEFORE}, {@code DATETIME_DIFF}, {@code CREATED_TIME()},
 * ...): a date cell is an ISO-8601 string and compares as text. Also: regular expression functions,
 * array functions, {@code SWITCH}, {@code ISERROR}, and the {@code %} operator.
 */
package io.pyairtable.sandbox.formula;
