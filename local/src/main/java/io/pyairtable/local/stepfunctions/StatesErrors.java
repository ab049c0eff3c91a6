package io.pyairtable.local.stepfunctions;

/** The predefined error names of the States Language (spec: "Errors"). */
public final class StatesErrors {
    public static final String ALL = "States.ALL";
    public static final String TASK_FAILED = "States.TaskFailed";
    public static final String TIMEOUT = "States.Timeout";
    public static final String RUNTIME = "States.Runtime";
    public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
    public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
    public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
    public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
    public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    public static final String BRANCH_FAILED = "States.BranchFailed";
    public static final String EXCEED_TOLERATED_FAILURE_THRESHOLD = "States.ExceedToleratedFailureThreshold";
    public static final String PERMISSIONS = "States.Permissions";
    public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";

    private StatesErrors() {
    }

    /**
     * Terminal errors fail the execution: no Retrier or Catcher (not even {@code States.ALL}) handles them, as in AWS
     * ({@code States.Runtime}, {@code States.DataLimitExceeded}).
     */
    public static boolean isTerminal(String error) {
        return RUNTIME.equals(error) || DATA_LIMIT_EXCEEDED.equals(error);
    }
}
