package io.pyairtable.local.template;

import java.util.Locale;
import java.util.Optional;

/**
 * How the local cloud names things that AWS would name at deploy time: one fixed region ({@value #REGION}) and account
 * ({@value #ACCOUNT_ID}), generated physical names of the form {@code <stack>-<LogicalId>-LOCAL} where CloudFormation
 * would add a random suffix, and ARNs in the exact format of each service, so code that parses ARNs keeps working.
 *
 * <p>What a {@code !Ref} returns per resource type (as in CloudFormation):
 * <ul>
 *   <li>{@code AWS::Serverless::Function}: the function name ({@code FunctionName} or generated);</li>
 *   <li>{@code AWS::DynamoDB::Table}: the table name ({@code TableName} or generated);</li>
 *   <li>{@code AWS::S3::Bucket}: the bucket name ({@code BucketName} or generated, lower case);</li>
 *   <li>{@code AWS::Serverless::StateMachine}: the state machine ARN;</li>
 *   <li>{@code AWS::SecretsManager::Secret}: the secret's (partial) ARN, accepted by Secrets Manager as a SecretId;</li>
 *   <li>{@code AWS::Serverless::HttpApi}: the API id;</li>
 *   <li>{@code AWS::SQS::Queue}: the queue URL, in AWS's form ({@link #queueUrl}); the local SQS accepts it (and any
 *       URL ending in {@code /<account>/<name>}) whatever endpoint the client sends it to.</li>
 * </ul>
 */
public final class LocalNames {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "000000000000";
    public static final String PARTITION = "aws";
    public static final String URL_SUFFIX = "amazonaws.com";
    /** Stack name used when none is given (CloudFormation's {@code AWS::StackName}). */
    public static final String DEFAULT_STACK_NAME = "pyairtable-local";

    private final String stackName;

    public LocalNames(String stackName) {
        if (stackName == null || stackName.isBlank()) {
            throw new IllegalArgumentException("stack name must not be blank");
        }
        this.stackName = stackName;
    }

    public static LocalNames defaults() {
        return new LocalNames(DEFAULT_STACK_NAME);
    }

    public String stackName() {
        return stackName;
    }

    public String stackId() {
        return "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT_ID + ":stack/" + stackName
                + "/00000000-0000-0000-0000-000000000000";
    }

    /** Physical name of a resource whose template gives none: {@code <stack>-<LogicalId>-LOCAL}. */
    public String generatedName(String logicalId) {
        return stackName + "-" + logicalId + "-LOCAL";
    }

    /** Bucket names are lower case, at most 63 characters. */
    public String generatedBucketName(String logicalId) {
        String name = generatedName(logicalId).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        return name.length() <= 63 ? name : name.substring(0, 63);
    }

    /** API ids are ten lower-case alphanumerics, derived from the logical id so they are stable across runs. */
    public String apiId(String logicalId) {
        String id = logicalId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return (id + "0000000000").substring(0, 10);
    }

    public String apiEndpoint(String apiId) {
        return "https://" + apiId + ".execute-api." + REGION + "." + URL_SUFFIX;
    }

    public String functionArn(String functionName) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT_ID + ":function:" + functionName;
    }

    public String tableArn(String tableName) {
        return "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT_ID + ":table/" + tableName;
    }

    public String tableStreamArn(String tableName) {
        return tableArn(tableName) + "/stream/1970-01-01T00:00:00.000";
    }

    public String bucketArn(String bucketName) {
        return "arn:aws:s3:::" + bucketName;
    }

    public String stateMachineArn(String name) {
        return "arn:aws:states:" + REGION + ":" + ACCOUNT_ID + ":stateMachine:" + name;
    }

    /** A partial secret ARN (without the six random characters), which Secrets Manager accepts as a SecretId. */
    public String secretArn(String secretName) {
        return "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT_ID + ":secret:" + secretName;
    }

    public String queueArn(String queueName) {
        return "arn:aws:sqs:" + REGION + ":" + ACCOUNT_ID + ":" + queueName;
    }

    /** A queue URL as SQS gives it: {@code https://sqs.<region>.amazonaws.com/<account>/<name>}. */
    public static String queueUrl(String queueName) {
        return "https://sqs." + REGION + "." + URL_SUFFIX + "/" + ACCOUNT_ID + "/" + queueName;
    }

    public String roleArn(String roleName) {
        return "arn:aws:iam::" + ACCOUNT_ID + ":role/" + roleName;
    }

    /**
     * An ARN-shaped placeholder for resources that exist only in AWS (alarms, topics, distributions...), so templates
     * referring to them still resolve.
     */
    public String placeholderArn(String resourceType, String physicalName) {
        String[] parts = resourceType.split("::");
        String service = parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "unknown";
        return "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT_ID + ":" + physicalName;
    }

    /**
     * The function name inside a Lambda ARN ({@code arn:aws:lambda:region:account:function:name[:qualifier]}), or
     * empty when {@code arn} is not one.
     */
    public static Optional<String> functionNameOfArn(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return Optional.empty();
        }
        String[] parts = arn.split(":");
        if (parts.length < 7 || !"lambda".equals(parts[2]) || !"function".equals(parts[5])) {
            return Optional.empty();
        }
        return Optional.of(parts[6]);
    }
}
