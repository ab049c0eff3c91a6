package io.pyairtable.local.stepfunctions;

import java.util.List;

/** How an {@code ErrorEquals} list matches an error name. */
final class ErrorNames {
    private ErrorNames() {
    }

    /**
     * {@code States.ALL} matches every error; {@code States.TaskFailed} every error except {@code States.Timeout} (as
     * AWS documents); otherwise the name must be listed. Terminal errors ({@link StatesErrors#isTerminal}) never match.
     */
    static boolean matches(List<String> errorEquals, String error) {
        if (StatesErrors.isTerminal(error)) {
            return false;
        }
        for (String name : errorEquals) {
            if (name.equals(error) || name.equals(StatesErrors.ALL)
                    || (name.equals(StatesErrors.TASK_FAILED) && !error.equals(StatesErrors.TIMEOUT))) {
                return true;
            }
        }
        return false;
    }
}
