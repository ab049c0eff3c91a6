package io.pyairtable.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TemplateLoaderTest {
    private static final String ACCOUNT = "us-east-1:000000000000";
    private static LocalTemplate template;

    @BeforeAll
    static void load() {
        template = new TemplateLoader(new LocalNames("stack"), Map.of()).load(resource("template/rich-template.yaml"));
    }

    static Path resource(String name) {
        try {
            return Path.of(TemplateLoaderTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> recordsEnvironment() {
        return template.functions().get("RecordsFunction").environment();
    }

    @Test
    void resolvesParametersAndPseudoParameters() {
        assertThat(template.parameters()).containsEntry("Stage", "dev").containsEntry("Retention", "14")
                .containsEntry("AllowedOrigins", "http://localhost:5173,https://app.example.com");
        assertThat(recordsEnvironment())
                .containsEntry("STAGE", "dev")
                .containsEntry("REGION_ACCOUNT", "us-east-1/000000000000/aws/amazonaws.com")
                .containsEntry("LITERAL", "${NotResolved}-dev")
                .containsEntry("SUB_WITH_VARS", "https://b.example.com/dev")
                .containsEntry("JOINED", "dev|INFO|x")
                .containsEntry("FIRST_ORIGIN", "http://localhost:5173")
                .containsEntry("LONG_FORM", "dev-stack")
                .containsEntry("ENCODED", "aGk=");
    }

    @Test
    void resolvesConditionsAndMappings() {
        assertThat(recordsEnvironment())
                .containsEntry("IF_PROD", "not-production")
                .containsEntry("IF_DEV_OR_STAGING", "yes")
                .containsEntry("ALARM", "off")
                .doesNotContainKey("OPTIONAL");
        assertThat(template.tables()).doesNotContainKey("ProdOnlyTable");
        assertThat(template.outputs()).doesNotContainKey("ProdOnly");
        assertThat(template.functions().get("SagaFunction").memorySize()).isEqualTo(512);
    }

    @Test
    void refAndGetAttGiveLocalNamesAndArns() {
        assertThat(recordsEnvironment())
                .containsEntry("USERS_TABLE", "stack-users-dev")
                .containsEntry("USERS_TABLE_ARN", "arn:aws:dynamodb:" + ACCOUNT + ":table/stack-users-dev")
                .containsEntry("USERS_STREAM", "arn:aws:dynamodb:" + ACCOUNT
                        + ":table/stack-users-dev/stream/1970-01-01T00:00:00.000")
                .containsEntry("BUCKET", "stack-uploadsbucket-local")
                .containsEntry("BUCKET_ARN", "arn:aws:s3:::stack-uploadsbucket-local")
                .containsEntry("SAGA_ARN", "arn:aws:states:" + ACCOUNT + ":stateMachine:import-saga-dev")
                .containsEntry("SAGA_NAME", "import-saga-dev")
                .containsEntry("SECRET_ID", "arn:aws:secretsmanager:" + ACCOUNT + ":secret:pyairtable/dev/jwt-signing-key")
                .containsEntry("API_ID", "api0000000")
                .containsEntry("API_URL", "https://api0000000.execute-api.us-east-1.amazonaws.com")
                .containsEntry("ROLE_ARN", "arn:aws:iam::000000000000:role/stack-RecordsFunctionRole-LOCAL")
                .containsEntry("TOPIC", "stack-AlarmTopic-LOCAL");
        assertThat(template.outputs()).containsEntry("ApiUrl", "https://api0000000.execute-api.us-east-1.amazonaws.com/")
                .containsEntry("SagaArn", "arn:aws:states:" + ACCOUNT + ":stateMachine:import-saga-dev");
    }

    @Test
    void mergesFunctionGlobalsAsSamDoes() {
        FunctionDefinition records = template.functions().get("RecordsFunction");
        assertThat(records.functionName()).isEqualTo("stack-records-dev");
        assertThat(records.functionArn()).isEqualTo("arn:aws:lambda:" + ACCOUNT + ":function:stack-records-dev");
        assertThat(records.handler()).isEqualTo(new HandlerReference("io.example.RecordsHandler", "handle"));
        assertThat(records.runtime()).isEqualTo("java21");
        assertThat(records.memorySize()).isEqualTo(1024);
        assertThat(records.timeoutSeconds()).isEqualTo(10);
        assertThat(records.environment()).containsEntry("SHARED", "from-function").containsEntry("LOG_LEVEL", "INFO");
        assertThat(records.architectures()).containsExactly("arm64");
        assertThat(records.policies()).isInstanceOf(List.class);

        FunctionDefinition health = template.functions().get("HealthFunction");
        assertThat(health.functionName()).isEqualTo("stack-HealthFunction-LOCAL");
        assertThat(health.handler().methodName()).isNull();
        assertThat(health.timeoutSeconds()).isEqualTo(29);
        assertThat(health.architectures()).containsExactly("arm64", "x86_64");
        assertThat(health.environment()).containsOnlyKeys("STAGE", "LOG_LEVEL", "SHARED");
    }

    @Test
    void readsHttpApiEventsAndApis() {
        assertThat(template.functions().get("RecordsFunction").httpApiEvents()).containsExactly(
                new HttpApiEventSource("GetRecord", "Api", "GET", "/bases/{baseId}/records/{recordId}", null, "2.0", 30_000),
                new HttpApiEventSource("Proxy", "Api", "ANY", "/bases/{proxy+}", null, "2.0", 5_000));
        List<HttpApiEventSource> health = template.functions().get("HealthFunction").httpApiEvents();
        assertThat(health.get(0).authorizer()).isEqualTo("NONE");
        assertThat(health.get(1).apiLogicalId()).isEqualTo("ServerlessHttpApi");
        assertThat(health.get(1).routeKey()).isEqualTo("GET /ping");

        HttpApiDefinition api = template.httpApis().get("Api");
        assertThat(api.implicit()).isFalse();
        assertThat(api.defaultAuthorizer()).isEqualTo("TokenAuthorizer");
        assertThat(api.authorizers().get("TokenAuthorizer")).isEqualTo(new AuthorizerDefinition("TokenAuthorizer",
                "arn:aws:lambda:" + ACCOUNT + ":function:stack-AuthorizerFunction-LOCAL", "2.0", true,
                List.of("Authorization"), List.of(), 60));
        assertThat(api.cors()).isEqualTo(new CorsConfiguration(List.of("http://localhost:5173", "https://app.example.com"),
                List.of("GET", "POST", "OPTIONS"), List.of("authorization", "content-type"), List.of("x-request-id"), 600,
                true));
        HttpApiDefinition implicit = template.httpApis().get("ServerlessHttpApi");
        assertThat(implicit.implicit()).isTrue();
        assertThat(implicit.cors()).isEqualTo(api.cors());
        assertThat(implicit.authorizers()).isEmpty();
    }

    @Test
    void readsS3Events() {
        FunctionDefinition trigger = template.functions().get("ImportTriggerFunction");
        S3EventSource upload = trigger.s3Events().get(0);
        assertThat(upload).isEqualTo(new S3EventSource("Upload", "UploadsBucket", "stack-uploadsbucket-local",
                List.of("s3:ObjectCreated:*"), "uploads/", ".csv"));
        assertThat(upload.matches("stack-uploadsbucket-local", "ObjectCreated:Put", "uploads/a.csv")).isTrue();
        assertThat(upload.matches("stack-uploadsbucket-local", "ObjectRemoved:Delete", "uploads/a.csv")).isFalse();
        assertThat(upload.matches("stack-uploadsbucket-local", "ObjectCreated:Put", "other/a.csv")).isFalse();
        assertThat(template.functionsNotifiedBy("stack-uploadsbucket-local", "ObjectCreated:Put", "uploads/x.csv"))
                .containsExactly(trigger);
        assertThat(trigger.environment()).containsEntry("STATE_MACHINE_ARN",
                "arn:aws:states:" + ACCOUNT + ":stateMachine:import-saga-dev");
    }

    @Test
    void readsTablesBucketsStateMachinesAndSecrets() {
        TableDefinition users = template.tables().get("UsersTable");
        assertThat(users.tableName()).isEqualTo("stack-users-dev");
        assertThat(users.keySchema()).containsExactly(new TableDefinition.KeyElement("pk", "HASH"),
                new TableDefinition.KeyElement("sk", "RANGE"));
        assertThat(users.attributeDefinitions()).hasSize(3);
        assertThat(users.globalSecondaryIndexes().get(0).indexName()).isEqualTo("byEmail");
        assertThat(users.globalSecondaryIndexes().get(0).projection()).containsEntry("ProjectionType", "ALL");
        assertThat(users.ttlAttribute()).isEqualTo("expiresAt");
        assertThat(users.billingMode()).isEqualTo("PAY_PER_REQUEST");
        assertThat(users.pointInTimeRecovery()).isTrue();
        assertThat(template.tables().get("ImportsTable").tableName()).isEqualTo("stack-ImportsTable-LOCAL");

        assertThat(template.buckets().get("NamedBucket").bucketName()).isEqualTo("pyairtable-frontend-dev");

        StateMachineDefinition saga = template.stateMachines().get("ImportSaga");
        assertThat(saga.name()).isEqualTo("import-saga-dev");
        assertThat(saga.type()).isEqualTo("STANDARD");
        assertThat(saga.definitionJson())
                .contains("\"Resource\": \"arn:aws:lambda:" + ACCOUNT + ":function:stack-SagaFunction-LOCAL\"")
                .contains("table stack-ImportsTable-LOCAL");
        StateMachineDefinition inline = template.stateMachines().get("InlineMachine");
        assertThat(inline.type()).isEqualTo("EXPRESS");
        assertThat(inline.definitionJson()).isEqualTo(
                "{\"StartAt\":\"Hello\",\"States\":{\"Hello\":{\"Type\":\"Pass\",\"Result\":\"dev\",\"End\":true}}}");

        SecretDefinition jwt = template.secrets().get("JwtSecret");
        assertThat(jwt.name()).isEqualTo("pyairtable/dev/jwt-signing-key");
        assertThat(jwt.generated()).contains(new GeneratedSecretSpec("{\"kid\":\"k1\"}", "key", 64, "", true, false,
                false, false, false, true));
        assertThat(template.secrets().get("FixedSecret").fixedValue()).contains("{\"token\":\"local\"}");
        assertThat(template.secrets().get("FixedSecret").name()).isEqualTo("stack-FixedSecret-LOCAL");
    }

    @Test
    void listsIgnoredResourcesWithoutEvaluatingThem() {
        assertThat(template.ignoredResources()).extracting(IgnoredResource::logicalId)
                .containsExactlyInAnyOrder("AlarmTopic", "ErrorsAlarm", "Logs");
    }

    @Test
    void findsFunctionsByLogicalIdNameOrArn() {
        FunctionDefinition records = template.functions().get("RecordsFunction");
        assertThat(template.findFunction("RecordsFunction")).contains(records);
        assertThat(template.findFunction("stack-records-dev")).contains(records);
        assertThat(template.findFunction(records.functionArn())).contains(records);
        assertThat(template.findFunction(records.functionArn() + ":$LATEST")).contains(records);
        assertThat(template.findFunction("Nope")).isEmpty();
    }

    @Test
    void parameterOverridesApply() {
        LocalTemplate prod = new TemplateLoader(new LocalNames("stack"), Map.of("Stage", "prod", "LogLevel", "DEBUG"))
                .load(resource("template/rich-template.yaml"));
        assertThat(prod.functions().get("RecordsFunction").environment())
                .containsEntry("IF_PROD", "production").containsEntry("OPTIONAL", "only-in-prod");
        assertThat(prod.tables()).containsKey("ProdOnlyTable");
        assertThat(prod.functions().get("SagaFunction").memorySize()).isEqualTo(2048);
    }

    @Test
    void modelIsImmutable() {
        assertThatThrownBy(() -> template.functions().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> recordsEnvironment().put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> template.tables().get("UsersTable").properties().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void loadsTheProjectTemplate() {
        LocalTemplate real = LocalTemplate.load(Path.of("../template.yaml"));
        assertThat(real.parameters()).containsEntry("Stage", "dev");
        assertThat(real.secrets().get("JwtSigningKeySecret").name()).isEqualTo("pyairtable/dev/jwt-signing-key");
        assertThat(real.outputs().get("JwtSigningKeySecretArn")).isEqualTo(
                "arn:aws:secretsmanager:" + ACCOUNT + ":secret:pyairtable/dev/jwt-signing-key");
        real.functions().values().forEach(function -> assertThat(function.runtime()).startsWith("java"));
    }
}
