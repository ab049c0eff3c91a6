package io.pyairtable.local.stepfunctions;

import java.util.List;

/**
 * One element of a state's {@code Catch} array: on a matching error, the Error Output {@code {"Error", "Cause"}} is
 * placed at {@code resultPath} in the state's raw input ({@code null} = JSON null, the raw input passes unchanged) and
 * the machine transitions to {@code next}.
 */
record Catcher(List<String> errorEquals, String next, JsonPath resultPath) {

    boolean matches(String error) {
        return ErrorNames.matches(errorEquals, error);
    }
}
