package io.pyairtable.local.template;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class TemplateErrorsTest {
    private static final String HEADER = "Transform: AWS::Serverless-2016-10-31\nResources:\n";
    private static final String FUNCTION = """
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: java21
                  Handler: a.B
            """;

    private static AbstractThrowableAssert<?, ? extends Throwable> loading(String resources) {
        return assertThatThrownBy(() -> new TemplateLoader().parse(HEADER + resources, null, Path.of(".")))
                .isInstanceOf(TemplateException.class);
    }

    @Test
    void unknownResourceTypeNamesTheResource() {
        loading("  Stream:\n    Type: AWS::Kinesis::Stream\n")
                .hasMessageContaining("resource Stream (Resources.Stream.Type)")
                .hasMessageContaining("AWS::Kinesis::Stream is not supported")
                .extracting(e -> ((TemplateException) e).resource()).isEqualTo("Stream");
    }

    @Test
    void importValueIsRejectedWithThePropertyPath() {
        loading(FUNCTION + "      Environment:\n        Variables:\n          X: !ImportValue other-stack-export\n")
                .hasMessageContaining("resource Fn (Resources.Fn.Properties.Environment.Variables.X.Fn::ImportValue)")
                .hasMessageContaining("no other stacks");
    }

    @Test
    void unknownIntrinsicIsRejected() {
        loading(FUNCTION + "      CodeUri: !Cidr [\"10.0.0.0/16\", 2, 8]\n")
                .hasMessageContaining("Resources.Fn.Properties.CodeUri.Fn::Cidr")
                .hasMessageContaining("unsupported intrinsic function Fn::Cidr");
    }

    @Test
    void unsupportedPropertyIsRejected() {
        loading(FUNCTION + "      FunctionUrlConfig: {AuthType: NONE}\n")
                .hasMessageContaining("Resources.Fn.Properties.FunctionUrlConfig")
                .hasMessageContaining("unsupported property [FunctionUrlConfig]");
    }

    @Test
    void aliasRefNeedsAutoPublishAlias() {
        loading(FUNCTION + "      Environment:\n        Variables:\n          TARGET: !Ref Fn.Alias\n")
                .hasMessageContaining("Resources.Fn.Properties.Environment.Variables.TARGET.Ref")
                .hasMessageContaining("Fn.Alias needs an AWS::Serverless::Function with AutoPublishAlias");
    }

    @Test
    void aliasRefIsTheQualifiedArnOfAFunctionWithAutoPublishAlias() throws Exception {
        String function = FUNCTION + "      AutoPublishAlias: live\n"
                + "      Environment:\n        Variables:\n          TARGET: !Ref Fn.Alias\n";
        LocalTemplate template = new TemplateLoader(new LocalNames("stack"), Map.of())
                .parse(HEADER + function, null, Path.of("."));
        String arn = template.functions().get("Fn").environment().get("TARGET");
        org.assertj.core.api.Assertions.assertThat(arn)
                .isEqualTo(template.functions().get("Fn").functionArn() + ":live");
        org.assertj.core.api.Assertions.assertThat(template.findFunction(arn)).contains(template.functions().get("Fn"));
    }

    @Test
    void unsupportedEventTypeIsRejected() {
        loading(FUNCTION + "      Events:\n        Tick:\n          Type: Schedule\n          Properties: {Schedule: rate(1 minute)}\n")
                .hasMessageContaining("Resources.Fn.Properties.Events.Tick.Type")
                .hasMessageContaining("event type Schedule is not supported locally");
    }

    @Test
    void danglingReferencesAreRejected() {
        loading(FUNCTION + "      Environment: {Variables: {T: !Ref MissingTable}}\n")
                .hasMessageContaining("Ref to MissingTable, which is neither a parameter nor a resource");
        loading(FUNCTION + "      Environment: {Variables: {T: !GetAtt Missing.Arn}}\n")
                .hasMessageContaining("Fn::GetAtt of Missing, which is not a resource");
        loading(FUNCTION + "      Environment: {Variables: {T: !Sub '${Missing.Arn}'}}\n")
                .hasMessageContaining("Missing is not a resource");
        loading(FUNCTION + "      Environment: {Variables: {T: !GetAtt Fn.Nope}}\n")
                .hasMessageContaining("has no attribute Nope");
    }

    @Test
    void nonJavaRuntimeIsRejected() {
        loading("  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {Runtime: python3.12, Handler: app.handler}\n")
                .hasMessageContaining("Resources.Fn.Properties.Runtime").hasMessageContaining("Java functions only");
    }

    @Test
    void routeToUnknownAuthorizerAndDuplicateRoutesAreRejected() {
        loading(FUNCTION + "      Events:\n        A: {Type: HttpApi, Properties: {Path: /a, Method: GET, Auth: {Authorizer: Nope}}}\n")
                .hasMessageContaining("has no authorizer named Nope");
        loading(FUNCTION + "      Events:\n        A: {Type: HttpApi, Properties: {Path: /a, Method: GET}}\n"
                + "        B: {Type: HttpApi, Properties: {Path: /a, Method: get}}\n")
                .hasMessageContaining("route GET /a is already taken by Fn");
    }

    @Test
    void parameterProblemsAreReported() {
        assertThatThrownBy(() -> new TemplateLoader(LocalNames.defaults(), Map.of("Nope", "x"))
                .parse("Parameters: {A: {Type: String, Default: a}}\n" + HEADER + FUNCTION, null, Path.of(".")))
                .hasMessageContaining("overrides for parameters the template does not declare: [Nope]");
        assertThatThrownBy(() -> new TemplateLoader(LocalNames.defaults(), Map.of("A", "z"))
                .parse("Parameters: {A: {Type: String, AllowedValues: [a, b]}}\n" + HEADER + FUNCTION, null, Path.of(".")))
                .hasMessageContaining("Parameters.A: value 'z' is not one of [a, b]");
        assertThatThrownBy(() -> new TemplateLoader()
                .parse("Parameters: {A: {Type: String}}\n" + HEADER + FUNCTION, null, Path.of(".")))
                .hasMessageContaining("Parameters.A: has no Default and no override value");
    }

    @Test
    void cyclicConditionsAndBadYamlAreReported() {
        assertThatThrownBy(() -> new TemplateLoader().parse("Conditions:\n  A: !Condition B\n  B: !Condition A\n"
                + HEADER + "  T:\n    Type: AWS::SNS::Topic\n    Condition: A\n", null, Path.of(".")))
                .hasMessageContaining("refers to itself");
        assertThatThrownBy(() -> new TemplateLoader().parse("Resources: [unclosed", null, Path.of(".")))
                .isInstanceOf(TemplateException.class).hasMessageContaining("not a valid CloudFormation YAML");
        assertThatThrownBy(() -> new TemplateLoader().parse("Transform: AWS::LanguageExtensions\n" + "Resources:\n" + FUNCTION,
                null, Path.of("."))).hasMessageContaining("only the AWS::Serverless-2016-10-31 transform");
    }

    @Test
    void unsupportedAuthorizerKindsAreRejected() {
        loading("  Api:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n      Auth:\n        Authorizers:\n"
                + "          Jwt:\n            JwtConfiguration: {issuer: x}\n            IdentitySource: $request.header.Authorization\n")
                .hasMessageContaining("Resources.Api.Properties.Auth.Authorizers.Jwt");
    }

    private static final String QUEUE = "  Dlq:\n    Type: AWS::SQS::Queue\n";

    private static String invokeConfig(String config) {
        return FUNCTION + "      EventInvokeConfig:\n" + config;
    }

    @Test
    void eventInvokeConfigOutsideWhatLambdaAllowsIsRejected() {
        loading(QUEUE + invokeConfig("        MaximumRetryAttempts: 3\n"))
                .hasMessageContaining("Resources.Fn.Properties.EventInvokeConfig.MaximumRetryAttempts")
                .hasMessageContaining("must be 0 to 2, got 3");
        loading(QUEUE + invokeConfig("        MaximumEventAgeInSeconds: 30\n"))
                .hasMessageContaining("must be 60 to 21600, got 30");
    }

    @Test
    void onlySqsDestinationsOfThisTemplateAreAccepted() {
        loading(QUEUE + invokeConfig("        DestinationConfig:\n          OnFailure:\n            Type: SNS\n"
                + "            Destination: arn:aws:sns:us-east-1:000000000000:t\n"))
                .hasMessageContaining("EventInvokeConfig.DestinationConfig.OnFailure.Type")
                .hasMessageContaining("destination type SNS is not emulated locally (supported: SQS)");
        loading(QUEUE + invokeConfig("        DestinationConfig:\n          OnFailure:\n            Type: SQS\n"
                + "            Destination: arn:aws:sqs:us-east-1:000000000000:elsewhere\n"))
                .hasMessageContaining("Resources.Fn.Properties.EventInvokeConfig.DestinationConfig.OnFailure.Destination")
                .hasMessageContaining("no AWS::SQS::Queue of this template has the ARN arn:aws:sqs:us-east-1:000000000000:elsewhere");
    }

    @Test
    void fifoQueuesAreRejected() {
        loading(QUEUE + "    Properties:\n      FifoQueue: true\n      QueueName: q.fifo\n")
                .hasMessageContaining("Resources.Dlq.Properties.FifoQueue")
                .hasMessageContaining("FIFO queues are not emulated locally");
    }
}
