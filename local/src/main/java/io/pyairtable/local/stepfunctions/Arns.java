package io.pyairtable.local.stepfunctions;

import io.pyairtable.local.aws.AwsServiceException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARNs of the local Step Functions ({@code arn:aws:states:REGION:ACCOUNT:stateMachine:NAME} and
 * {@code arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME}) and the AWS naming rules for machines and executions.
 */
final class Arns {
    private static final Pattern STATE_MACHINE = Pattern.compile("arn:aws:states:([a-z0-9-]+):(\\d{12}):stateMachine:([^:]+)");
    private static final Pattern EXECUTION =
            Pattern.compile("arn:aws:states:([a-z0-9-]+):(\\d{12}):execution:([^:]+):([^:]+)");
    private static final int MAX_NAME_LENGTH = 80;

    private final String region;
    private final String account;

    Arns(String region, String account) {
        this.region = region;
        this.account = account;
    }

    String stateMachine(String name) {
        return "arn:aws:states:" + region + ":" + account + ":stateMachine:" + name;
    }

    String execution(String stateMachineName, String executionName) {
        return "arn:aws:states:" + region + ":" + account + ":execution:" + stateMachineName + ":" + executionName;
    }

    /** @throws AwsServiceException InvalidArn when {@code arn} is not a state machine ARN */
    static void requireStateMachineArn(String arn) {
        if (arn == null || !STATE_MACHINE.matcher(arn).matches()) {
            throw AwsServiceException.badRequest("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: "
                    + arn + "'");
        }
    }

    /** The state machine name of an execution ARN; InvalidArn when malformed. */
    static String requireExecutionArn(String arn) {
        Matcher matcher = arn == null ? null : EXECUTION.matcher(arn);
        if (matcher == null || !matcher.matches()) {
            throw AwsServiceException.badRequest("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: "
                    + arn + "'");
        }
        return matcher.group(3);
    }

    /**
     * AWS's name rule for state machines and executions: 1–80 characters, none of whitespace, brackets
     * {@code < > { } [ ]}, wildcards {@code ? *}, special characters {@code " # % \ ^ | ~ ` $ & , ; : /} or control
     * characters.
     */
    static void requireValidName(String name, String what) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw AwsServiceException.badRequest("InvalidName", "Invalid Name: '" + name + "' (" + what
                    + " names have 1 to " + MAX_NAME_LENGTH + " characters)");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || "<>{}[]?*\"#%\\^|~`$&,;:/".indexOf(c) >= 0) {
                throw AwsServiceException.badRequest("InvalidName", "Invalid Name: '" + name + "'");
            }
        }
    }
}
