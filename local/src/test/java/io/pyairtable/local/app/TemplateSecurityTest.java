package io.pyairtable.local.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.pyairtable.local.template.RawTemplates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security properties of template.yaml that cfn-lint does not enforce (docs/security.md). Each check is a function
 * from the parsed template (short-form tags in their long form, as the local cloud reads it) to its violations;
 * the project's template must have none, and {@link #eachCheckReportsAViolatingTemplate()} proves every check fails
 * on a template that breaks it.
 */
class TemplateSecurityTest {
    private static final Pattern SERVICE_WILDCARD = Pattern.compile("(?i)[a-z0-9-]+:\\*");
    /** SAM policy templates whose statements are scoped to the resource named by their parameters. */
    private static final Set<String> SCOPED_POLICY_TEMPLATES = Set.of("DynamoDBCrudPolicy", "DynamoDBReadPolicy",
            "DynamoDBWritePolicy", "AWSSecretsManagerGetSecretValuePolicy", "LambdaInvokePolicy", "S3ReadPolicy",
            "S3WritePolicy", "S3CrudPolicy", "SQSSendMessagePolicy", "SQSPollerPolicy", "SNSPublishMessagePolicy",
            "StepFunctionsExecutionPolicy", "KMSDecryptPolicy", "KMSEncryptPolicy");
    private static final Set<String> FLAGS = Set.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls",
            "RestrictPublicBuckets");

    private static Map<String, Object> template;

    @BeforeAll
    static void load() throws Exception {
        template = RawTemplates.parse(Path.of("../template.yaml"));
    }

    @Test
    void iamStatementsGrantNoWildcardResourceOrService() {
        assertThat(iamWildcards(template)).isEmpty();
    }

    @Test
    void bucketsAreBlockedFromThePublicEncryptedAndTlsOnly() {
        assertThat(bucketProtection(template)).isEmpty();
    }

    @Test
    void tablesAreEncryptedWithPointInTimeRecovery() {
        assertThat(tableProtection(template)).isEmpty();
    }

    @Test
    void httpApiHasExplicitCorsOriginsAndThrottling() {
        assertThat(httpApiProtection(template)).isEmpty();
    }

    @Test
    void s3TriggeredFunctionsHaveAnOnFailureDestination() {
        assertThat(asyncFailureDestinations(template)).isEmpty();
    }

    @Test
    void functionsAreTraced() {
        assertThat(tracing(template)).isEmpty();
    }

    @Test
    void functionsPublishAnAliasWithSnapStart() {
        assertThat(snapStart(template)).isEmpty();
    }

    @Test
    void everyCheckInspectsTheProjectTemplate() {
        assertThat(resources(template, "AWS::Serverless::Function")).hasSizeGreaterThanOrEqualTo(8);
        assertThat(resources(template, "AWS::S3::Bucket")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(resources(template, "AWS::DynamoDB::Table")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(resources(template, "AWS::Serverless::HttpApi")).hasSize(1);
        assertThat(statements(template)).hasSizeGreaterThanOrEqualTo(20);
        assertThat(resources(template, "AWS::Serverless::Function").values().stream()
                .filter(TemplateSecurityTest::hasS3Event)).isNotEmpty();
    }

    @Test
    void eachCheckReportsAViolatingTemplate() {
        Map<String, Object> bad = RawTemplates.parse("""
                Parameters:
                  Origin: {Type: String, Default: "*"}
                Globals:
                  Function:
                    Runtime: java21
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      CorsConfiguration:
                        AllowOrigins: [!Ref Origin]
                  Files:
                    Type: AWS::S3::Bucket
                    Properties:
                      PublicAccessBlockConfiguration: {BlockPublicAcls: true, BlockPublicPolicy: false}
                  FilesPolicy:
                    Type: AWS::S3::BucketPolicy
                    Properties:
                      Bucket: !Ref Files
                      PolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: "*"
                            Action: s3:GetObject
                            Resource: !Sub "${Files.Arn}/*"
                  Jobs:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      SSESpecification: {SSEEnabled: false}
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Tracing: PassThrough
                      Policies:
                        - AmazonS3FullAccess
                        - DynamoDBCrudPolicy: {TableName: "*"}
                        - Statement:
                            - Effect: Allow
                              Action: s3:*
                              Resource: !Sub "${Files.Arn}/*"
                            - Effect: Allow
                              Action: [dynamodb:GetItem]
                              Resource: "*"
                            - Effect: Allow
                              NotAction: iam:*
                              Resource: !GetAtt Jobs.Arn
                      Events:
                        Upload:
                          Type: S3
                          Properties: {Bucket: !Ref Files, Events: "s3:ObjectCreated:*"}
                """);
        assertThat(String.join("\n", iamWildcards(bad))).contains("Worker: managed policy AmazonS3FullAccess",
                "Worker: policy template DynamoDBCrudPolicy with a * parameter", "Worker: Allow s3:* (service wildcard)",
                "Worker: Allow [dynamodb:GetItem] on Resource *", "Worker: Allow with NotAction",
                "FilesPolicy: Allow to Principal *");
        assertThat(String.join("\n", bucketProtection(bad))).contains("Files: PublicAccessBlockConfiguration.BlockPublicPolicy",
                "Files: PublicAccessBlockConfiguration.IgnorePublicAcls", "Files: no BucketEncryption",
                "Files: no bucket policy denying aws:SecureTransport false");
        assertThat(String.join("\n", tableProtection(bad))).contains("Jobs: SSESpecification.SSEEnabled",
                "Jobs: PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled");
        assertThat(String.join("\n", httpApiProtection(bad))).contains("Api: CorsConfiguration.AllowOrigins contains *",
                "Api: DefaultRouteSettings.ThrottlingRateLimit", "Api: DefaultRouteSettings.ThrottlingBurstLimit");
        assertThat(asyncFailureDestinations(bad)).containsExactly(
                "Worker: S3-triggered but no EventInvokeConfig.DestinationConfig.OnFailure with a Type and a Destination in this template");
        assertThat(String.join("\n", tracing(bad))).contains("Globals.Function.Tracing is not Active",
                "Worker: Tracing PassThrough");
        assertThat(String.join("\n", snapStart(bad))).contains("Worker: no AutoPublishAlias",
                "Worker: SnapStart.ApplyOn is not PublishedVersions");

        Map<String, Object> good = RawTemplates.parse("""
                Globals:
                  Function: {Tracing: Active, AutoPublishAlias: live, SnapStart: {ApplyOn: PublishedVersions}}
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      DefaultRouteSettings: {ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100}
                      CorsConfiguration: {AllowOrigins: ["https://app.example.org"]}
                  Files:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: !Sub files-${AWS::AccountId}
                      PublicAccessBlockConfiguration: {BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true}
                      BucketEncryption:
                        ServerSideEncryptionConfiguration: [{ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}}]
                  FilesPolicy:
                    Type: AWS::S3::BucketPolicy
                    Properties:
                      Bucket: !Ref Files
                      PolicyDocument:
                        Statement:
                          - Effect: Deny
                            Principal: "*"
                            Action: s3:*
                            Resource: [!Sub "arn:${AWS::Partition}:s3:::files-${AWS::AccountId}", !Sub "${Files.Arn}/*"]
                            Condition: {Bool: {aws:SecureTransport: "false"}}
                  Dlq:
                    Type: AWS::SQS::Queue
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      EventInvokeConfig:
                        DestinationConfig: {OnFailure: {Type: SQS, Destination: !GetAtt Dlq.Arn}}
                      Policies:
                        - LambdaInvokePolicy: {FunctionName: !Ref Worker}
                        - Statement:
                            - {Effect: Allow, Action: s3:GetObject, Resource: !Sub "${Files.Arn}/*"}
                      Events:
                        Upload: {Type: S3, Properties: {Bucket: !Ref Files, Events: "s3:ObjectCreated:*"}}
                """);
        List<Function<Map<String, Object>, List<String>>> checks = List.of(TemplateSecurityTest::iamWildcards,
                TemplateSecurityTest::bucketProtection, TemplateSecurityTest::tableProtection,
                TemplateSecurityTest::httpApiProtection, TemplateSecurityTest::asyncFailureDestinations,
                TemplateSecurityTest::tracing, TemplateSecurityTest::snapStart);
        checks.forEach(check -> assertThat(check.apply(good)).isEmpty());
    }

    // ---- checks -------------------------------------------------------------------------------------------------

    /** Allow statements anywhere (function and state machine policies, IAM, bucket/queue/topic policies). */
    static List<String> iamWildcards(Map<String, Object> t) {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, Object> resource : resourcesOfAnyType(t).entrySet()) {
            String id = resource.getKey();
            Map<String, Object> properties = map(map(resource.getValue()).get("Properties"));
            for (Object policy : asList(properties.get("Policies"))) {
                if (policy instanceof String name) {
                    violations.add(id + ": managed policy " + name + " (its statements are not in the template; use a scoped Statement)");
                } else if (policy instanceof Map<?, ?> m && !m.containsKey("Statement") && !m.containsKey("PolicyDocument")) {
                    m.forEach((name, parameters) -> {
                        if (!SCOPED_POLICY_TEMPLATES.contains(String.valueOf(name))) {
                            violations.add(id + ": policy template " + name + " is not known to be resource-scoped");
                        } else if (map(parameters).values().stream().anyMatch(v -> "*".equals(v))) {
                            violations.add(id + ": policy template " + name + " with a * parameter");
                        }
                    });
                }
            }
            for (Map<String, Object> statement : statementsIn(properties)) {
                if (!"Allow".equals(statement.get("Effect"))) {
                    continue;
                }
                List<Object> actions = asList(statement.get("Action"));
                for (Object action : actions) {
                    if ("*".equals(action) || action instanceof String a && SERVICE_WILDCARD.matcher(a).matches()) {
                        violations.add(id + ": Allow " + action + " (service wildcard)");
                    }
                }
                if (statement.containsKey("NotAction")) {
                    violations.add(id + ": Allow with NotAction");
                }
                if (statement.containsKey("NotResource")) {
                    violations.add(id + ": Allow with NotResource");
                }
                if (asList(statement.get("Resource")).stream().anyMatch(r -> "*".equals(r) || isSubOf(r, "*"))) {
                    violations.add(id + ": Allow " + actions + " on Resource *");
                }
                Object principal = statement.get("Principal");
                if ("*".equals(principal) || principal instanceof Map<?, ?> p && asList(p.get("AWS")).contains("*")) {
                    violations.add(id + ": Allow to Principal *");
                }
            }
        }
        return violations;
    }

    static List<String> bucketProtection(Map<String, Object> t) {
        List<String> violations = new ArrayList<>();
        resources(t, "AWS::S3::Bucket").forEach((id, bucket) -> {
            Map<String, Object> properties = map(map(bucket).get("Properties"));
            Map<String, Object> block = map(properties.get("PublicAccessBlockConfiguration"));
            FLAGS.stream().sorted().filter(flag -> !isTrue(block.get(flag)))
                    .forEach(flag -> violations.add(id + ": PublicAccessBlockConfiguration." + flag + " is not true"));
            List<Object> encryption = asList(map(properties.get("BucketEncryption")).get("ServerSideEncryptionConfiguration"));
            if (encryption.isEmpty() || encryption.stream().anyMatch(rule ->
                    !Set.of("AES256", "aws:kms", "aws:kms:dsse").contains(map(map(rule).get("ServerSideEncryptionByDefault")).get("SSEAlgorithm")))) {
                violations.add(id + ": no BucketEncryption with an SSEAlgorithm");
            }
            if (!hasTlsOnlyPolicy(t, id, properties.get("BucketName"))) {
                violations.add(id + ": no bucket policy denying aws:SecureTransport false on the bucket and its objects");
            }
        });
        return violations;
    }

    private static boolean hasTlsOnlyPolicy(Map<String, Object> t, String bucketId, Object bucketName) {
        Set<String> bucketArns = new java.util.HashSet<>(Set.of("${" + bucketId + ".Arn}"));
        if (map(bucketName).get("Fn::Sub") instanceof String name) {
            bucketArns.add("arn:${AWS::Partition}:s3:::" + name);
        } else if (bucketName instanceof String name) {
            bucketArns.add("arn:${AWS::Partition}:s3:::" + name);
        }
        return resources(t, "AWS::S3::BucketPolicy").values().stream()
                .map(policy -> map(map(policy).get("Properties")))
                .filter(properties -> Objects.equals(map(properties.get("Bucket")).get("Ref"), bucketId))
                .flatMap(properties -> statementsIn(properties).stream())
                .anyMatch(s -> "Deny".equals(s.get("Effect"))
                        && ("*".equals(s.get("Principal")) || asList(map(s.get("Principal")).get("AWS")).contains("*"))
                        && asList(s.get("Action")).stream().anyMatch(a -> "s3:*".equals(a) || "*".equals(a))
                        && "false".equals(String.valueOf(map(map(s.get("Condition")).get("Bool")).get("aws:SecureTransport")))
                        && asList(s.get("Resource")).stream().map(TemplateSecurityTest::arnText).anyMatch(bucketArns::contains)
                        && asList(s.get("Resource")).stream().map(TemplateSecurityTest::arnText)
                                .anyMatch(r -> r.endsWith("/*") && bucketArns.contains(r.substring(0, r.length() - 2))));
    }

    static List<String> tableProtection(Map<String, Object> t) {
        List<String> violations = new ArrayList<>();
        resources(t, "AWS::Serverless::SimpleTable").keySet()
                .forEach(id -> violations.add(id + ": AWS::Serverless::SimpleTable cannot enable point-in-time recovery"));
        resources(t, "AWS::DynamoDB::Table").forEach((id, table) -> {
            Map<String, Object> properties = map(map(table).get("Properties"));
            if (!isTrue(map(properties.get("SSESpecification")).get("SSEEnabled"))) {
                violations.add(id + ": SSESpecification.SSEEnabled is not true");
            }
            if (!isTrue(map(properties.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled"))) {
                violations.add(id + ": PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled is not true");
            }
        });
        return violations;
    }

    static List<String> httpApiProtection(Map<String, Object> t) {
        List<String> violations = new ArrayList<>();
        resources(t, "AWS::Serverless::HttpApi").forEach((id, api) -> {
            Map<String, Object> properties = map(map(api).get("Properties"));
            List<Object> origins = asList(map(properties.get("CorsConfiguration")).get("AllowOrigins"));
            if (origins.isEmpty()) {
                violations.add(id + ": CorsConfiguration.AllowOrigins is missing (an explicit list of origins is required)");
            }
            for (Object origin : origins) {
                if (String.valueOf(resolveParameter(t, origin)).contains("*")) {
                    violations.add(id + ": CorsConfiguration.AllowOrigins contains * (" + origin + ")");
                }
            }
            Map<String, Object> throttling = map(properties.get("DefaultRouteSettings"));
            for (String limit : List.of("ThrottlingRateLimit", "ThrottlingBurstLimit")) {
                Object value = resolveParameter(t, throttling.get(limit));
                if (!(value instanceof Number n && n.doubleValue() > 0)) {
                    violations.add(id + ": DefaultRouteSettings." + limit + " is not a positive number (" + value + ")");
                }
            }
        });
        return violations;
    }

    static List<String> asyncFailureDestinations(Map<String, Object> t) {
        List<String> violations = new ArrayList<>();
        Map<String, Object> all = resourcesOfAnyType(t);
        resources(t, "AWS::Serverless::Function").forEach((id, function) -> {
            if (!hasS3Event(function)) {
                return;
            }
            List<Map<String, Object>> configs = new ArrayList<>();
            configs.add(map(map(map(function).get("Properties")).get("EventInvokeConfig")));
            resources(t, "AWS::Lambda::EventInvokeConfig").values().stream().map(r -> map(map(r).get("Properties")))
                    .filter(p -> Objects.equals(map(p.get("FunctionName")).get("Ref"), id)).forEach(configs::add);
            boolean ok = configs.stream().map(c -> map(map(c.get("DestinationConfig")).get("OnFailure")))
                    .anyMatch(onFailure -> (onFailure.get("Type") != null || onFailure.containsKey("Destination"))
                            && referencedResource(onFailure.get("Destination")).filter(all::containsKey).isPresent());
            if (!ok) {
                violations.add(id + ": S3-triggered but no EventInvokeConfig.DestinationConfig.OnFailure with a Type and a Destination in this template");
            }
        });
        return violations;
    }

    static List<String> tracing(Map<String, Object> t) {
        List<String> violations = new ArrayList<>();
        if (!"Active".equals(globals(t).get("Tracing"))) {
            violations.add("Globals.Function.Tracing is not Active");
        }
        resources(t, "AWS::Serverless::Function").forEach((id, function) -> {
            Object own = map(map(function).get("Properties")).get("Tracing");
            if (own != null && !"Active".equals(own)) {
                violations.add(id + ": Tracing " + own);
            }
        });
        return violations;
    }

    static List<String> snapStart(Map<String, Object> t) {
        List<String> violations = new ArrayList<>();
        resources(t, "AWS::Serverless::Function").forEach((id, function) -> {
            Map<String, Object> properties = map(map(function).get("Properties"));
            Object alias = properties.getOrDefault("AutoPublishAlias", globals(t).get("AutoPublishAlias"));
            if (alias == null || String.valueOf(alias).isBlank()) {
                violations.add(id + ": no AutoPublishAlias (own or Globals)");
            }
            Object snap = properties.getOrDefault("SnapStart", globals(t).get("SnapStart"));
            if (!"PublishedVersions".equals(map(snap).get("ApplyOn"))) {
                violations.add(id + ": SnapStart.ApplyOn is not PublishedVersions (own or Globals)");
            }
        });
        return violations;
    }

    // ---- template access ----------------------------------------------------------------------------------------

    private static Map<String, Object> resourcesOfAnyType(Map<String, Object> t) {
        return map(t.get("Resources"));
    }

    static Map<String, Object> resources(Map<String, Object> t, String type) {
        Map<String, Object> matching = new java.util.TreeMap<>();
        resourcesOfAnyType(t).forEach((id, resource) -> {
            if (type.equals(map(resource).get("Type"))) {
                matching.put(id, resource);
            }
        });
        return matching;
    }

    private static Map<String, Object> globals(Map<String, Object> t) {
        return map(map(t.get("Globals")).get("Function"));
    }

    private static boolean hasS3Event(Object function) {
        return map(map(map(function).get("Properties")).get("Events")).values().stream()
                .anyMatch(event -> "S3".equals(map(event).get("Type")));
    }

    /** Every IAM-style statement (a mapping with Effect and Action/NotAction) in the whole template. */
    static List<Map<String, Object>> statements(Map<String, Object> t) {
        return statementsIn(resourcesOfAnyType(t));
    }

    private static List<Map<String, Object>> statementsIn(Object node) {
        List<Map<String, Object>> found = new ArrayList<>();
        if (node instanceof Map<?, ?> m) {
            if (m.containsKey("Effect") && (m.containsKey("Action") || m.containsKey("NotAction"))) {
                found.add(map(m));
            }
            m.values().forEach(v -> found.addAll(statementsIn(v)));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> found.addAll(statementsIn(v)));
        }
        return found;
    }

    /** {"Ref": P} of a parameter → its Default; anything else as is. */
    private static Object resolveParameter(Map<String, Object> t, Object value) {
        if (map(value).get("Ref") instanceof String name && map(t.get("Parameters")).containsKey(name)) {
            Object fallback = map(map(t.get("Parameters")).get(name)).get("Default");
            if (fallback instanceof String s && s.matches("\\d+(\\.\\d+)?")) {
                return Double.valueOf(s);
            }
            return fallback;
        }
        return value;
    }

    private static java.util.Optional<String> referencedResource(Object value) {
        Map<String, Object> m = map(value);
        if (m.get("Ref") instanceof String ref) {
            return java.util.Optional.of(ref.split("\\.")[0]);
        }
        List<Object> getAtt = asList(m.get("Fn::GetAtt"));
        return getAtt.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.valueOf(getAtt.get(0)));
    }

    /** A Resource entry as text: "${X.Arn}" for GetAtt X.Arn, the string of a Sub, or the literal. */
    private static String arnText(Object resource) {
        Map<String, Object> m = map(resource);
        List<Object> getAtt = asList(m.get("Fn::GetAtt"));
        if (getAtt.size() == 2) {
            return "${" + getAtt.get(0) + "." + getAtt.get(1) + "}";
        }
        if (m.get("Fn::Sub") instanceof String sub) {
            return sub;
        }
        return String.valueOf(resource);
    }

    private static boolean isSubOf(Object value, String text) {
        return text.equals(map(value).get("Fn::Sub"));
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    /** A list as is, a single value as a one-element list, null as empty. */
    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> ? (List<Object>) value : List.of(value);
    }
}
