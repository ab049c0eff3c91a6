package io.pyairtable.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pyairtable.local.aws.AwsEndpoint;
import io.pyairtable.local.aws.AwsServiceException;
import io.pyairtable.local.aws.FaultInjectingService;
import io.pyairtable.local.dynamodb.DynamoDbService;
import io.pyairtable.local.edge.EdgeRouter;
import io.pyairtable.local.httpapi.HttpApiServer;
import io.pyairtable.local.httpapi.HttpApiServerOptions;
import io.pyairtable.local.lambda.AsyncInvocations;
import io.pyairtable.local.lambda.InvocationResult;
import io.pyairtable.local.lambda.LambdaApiServer;
import io.pyairtable.local.lambda.LambdaHost;
import io.pyairtable.local.lambda.LambdaHostOptions;
import io.pyairtable.local.lambda.UnknownFunctionException;
import io.pyairtable.local.metrics.EmfCapture;
import io.pyairtable.local.metrics.LocalMetrics;
import io.pyairtable.local.s3.LocalS3;
import io.pyairtable.local.s3.S3Subscription;
import io.pyairtable.local.secrets.SecretsManagerService;
import io.pyairtable.local.sqs.SqsService;
import io.pyairtable.local.stepfunctions.LambdaFailure;
import io.pyairtable.local.stepfunctions.StepFunctionsEngine;
import io.pyairtable.local.stepfunctions.StepFunctionsService;
import io.pyairtable.local.template.FunctionDefinition;
import io.pyairtable.local.template.GeneratedSecretSpec;
import io.pyairtable.local.template.LocalNames;
import io.pyairtable.local.template.LocalTemplate;
import io.pyairtable.local.template.QueueDefinition;
import io.pyairtable.local.template.S3EventSource;
import io.pyairtable.local.template.SecretDefinition;
import io.pyairtable.local.template.StateMachineDefinition;
import io.pyairtable.local.template.TableDefinition;
import io.pyairtable.local.template.TemplateLoader;
import io.pyairtable.sandbox.AirtableSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole application in one JVM: reads the SAM template and starts, from it, the AWS services the functions use
 * (DynamoDB, S3 with event notifications, Secrets Manager, Step Functions), the Lambda host, the HTTP API, one AWS
 * edge endpoint for SDKs and the AWS CLI, and the Airtable sandbox (unless a real Airtable token is given).
 * See docs/local-cloud.md.
 */
public final class LocalCloud implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AutoCloseable> started = new ArrayList<>();
    private final LocalMetrics metrics = new LocalMetrics();
    private final LocalCloudOptions options;
    private final Duration startup;
    private AirtableSandbox sandbox;
    private URI airtableUrl;
    private LocalTemplate template;
    private DynamoDbService dynamoDb;
    private FaultInjectingService dynamoDbFaults;
    private SecretsManagerService secrets;
    private StepFunctionsEngine stepFunctions;
    private LocalS3 s3;
    private EdgeRouter edge;
    private LambdaHost lambdas;
    private SqsService sqs;
    private AsyncInvocations asyncInvocations;
    private HttpApiServer api;

    private LocalCloud(LocalCloudOptions options) {
        this.options = options;
        long begin = System.nanoTime();
        // the JDK HTTP server delays small responses by ~40 ms (Nagle) unless told otherwise, before it first starts
        System.setProperty("sun.net.httpserver.nodelay", "true");
        EmfCapture.register(metrics); // the EMF lines functions print → GET /_local/metrics
        started.add(() -> EmfCapture.unregister(metrics));
        try {
            startAirtable();
            template = loadTemplate();
            startAwsServices();
            provision();
            startApi();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.startup = Duration.ofNanos(System.nanoTime() - begin);
    }

    /** Starts everything; throws (after stopping what had started) when anything cannot start. */
    public static LocalCloud start(LocalCloudOptions options) {
        return new LocalCloud(options);
    }

    private void startAirtable() {
        if (options.airtableToken() != null) {
            airtableUrl = URI.create(options.airtableUrl() == null ? "https://api.airtable.com" : options.airtableUrl());
            return;
        }
        sandbox = AirtableSandbox.builder().host(options.host()).port(options.airtablePort())
                .dataFile(dataPath("airtable-sandbox.json")).start();
        started.add(sandbox);
        airtableUrl = sandbox.baseUrl();
    }

    private LocalTemplate loadTemplate() {
        LocalTemplate plain = LocalTemplate.load(options.template());
        Map<String, String> overrides = new HashMap<>(options.parameters());
        if (plain.parameters().containsKey("AirtableApiUrl") && !overrides.containsKey("AirtableApiUrl")) {
            overrides.put("AirtableApiUrl", airtableUrl.toString());
        }
        return new TemplateLoader(LocalNames.defaults(), overrides).load(options.template());
    }

    private void startAwsServices() {
        dynamoDb = DynamoDbService.builder().dataFile(dataPath("dynamodb.json")).build();
        started.add(dynamoDb);
        dynamoDbFaults = new FaultInjectingService(dynamoDb); // what functions and the state machines reach
        secrets = new SecretsManagerService(dataPath("secrets.json"));
        sqs = new SqsService(dataPath("sqs.json"));
        stepFunctions = StepFunctionsEngine.builder().region(LocalNames.REGION).accountId(LocalNames.ACCOUNT_ID)
                .lambdaInvoker(this::invokeForStepFunctions).dynamoDb(dynamoDbFaults)
                .sleeper(options.timeScale() == 1.0 ? io.pyairtable.local.stepfunctions.Sleeper.REAL
                        : duration -> Thread.sleep(Math.round(duration.toMillis() * options.timeScale())))
                .build();
        started.add(stepFunctions);
        AwsEndpoint jsonServices = AwsEndpoint.start("127.0.0.1", 0,
                List.of(dynamoDbFaults, secrets, new StepFunctionsService(stepFunctions), sqs));
        started.add(jsonServices);
        s3 = LocalS3.start("127.0.0.1", 0, dataPath("s3"), LocalNames.REGION, corsOrigins());
        started.add(s3);
        LambdaApiServer lambdaApi = LambdaApiServer.start("127.0.0.1", 0);
        started.add(lambdaApi);
        int jsonPort = jsonServices.url().getPort();
        edge = EdgeRouter.start(options.host(), options.edgePort(), Map.of("s3", s3.url().getPort(),
                "dynamodb", jsonPort, "secretsmanager", jsonPort, "states", jsonPort, "sqs", jsonPort,
                "lambda", lambdaApi.url().getPort()), "s3");
        started.add(edge);
        lambdas = new LambdaHost(template, LambdaHostOptions.defaults().withEnvironment(functionEnvironment())
                .withLog(options.log()).withMetrics(metrics));
        started.add(lambdas);
        asyncInvocations = new AsyncInvocations(lambdas, options.timeScale(), sqs::send, options.log());
        started.add(asyncInvocations);
        lambdaApi.serve(lambdas, asyncInvocations);
    }

    /** What every function gets on top of its template environment, like {@code sam local --env-vars}. */
    private Map<String, String> functionEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL", edge.url().toString());
        env.put("AWS_REGION", LocalNames.REGION);
        env.put("AWS_DEFAULT_REGION", LocalNames.REGION);
        env.put("AWS_ACCESS_KEY_ID", LocalS3.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", LocalS3.SECRET_KEY);
        env.put("AIRTABLE_API_URL", airtableUrl.toString());
        return env;
    }

    private List<String> corsOrigins() {
        return List.of("http://localhost:" + options.apiPort(), "http://127.0.0.1:" + options.apiPort());
    }

    /** Creates what the template declares and is not there yet (state persists between runs). */
    private void provision() {
        template.tables().values().forEach(this::createTable);
        template.buckets().values().forEach(bucket -> s3.ensureBucket(bucket.bucketName()));
        template.secrets().values().forEach(this::createSecret);
        template.queues().values().forEach(this::createQueue);
        for (StateMachineDefinition machine : template.stateMachines().values()) {
            stepFunctions.createStateMachine(machine.name(), machine.definitionJson(),
                    template.names().roleArn(machine.logicalId() + "Role"));
        }
        for (FunctionDefinition function : template.functions().values()) {
            for (S3EventSource source : function.s3Events()) {
                s3.subscribe(new S3Subscription(source.bucketName(), source.events(), source.prefix(), source.suffix(),
                        event -> invokeAsyncForS3(function, event)));
            }
        }
    }

    private void createTable(TableDefinition table) {
        ObjectNode request = JSON.createObjectNode().put("TableName", table.tableName())
                .put("BillingMode", "PAY_PER_REQUEST");
        ArrayNode keys = request.putArray("KeySchema");
        table.keySchema().forEach(k -> keys.addObject().put("AttributeName", k.attributeName()).put("KeyType", k.keyType()));
        ArrayNode attributes = request.putArray("AttributeDefinitions");
        table.attributeDefinitions().forEach(a -> attributes.addObject()
                .put("AttributeName", a.attributeName()).put("AttributeType", a.attributeType()));
        addIndexes(request, "GlobalSecondaryIndexes", table.globalSecondaryIndexes());
        addIndexes(request, "LocalSecondaryIndexes", table.localSecondaryIndexes());
        try {
            dynamoDb.handle("CreateTable", request);
        } catch (AwsServiceException e) {
            if (!"ResourceInUseException".equals(e.type())) {
                throw new IllegalStateException("cannot create table " + table.logicalId() + ": " + e.getMessage(), e);
            }
            return; // kept from an earlier run
        }
        if (table.ttlAttribute() != null) {
            ObjectNode ttl = JSON.createObjectNode().put("TableName", table.tableName());
            ttl.putObject("TimeToLiveSpecification").put("Enabled", true).put("AttributeName", table.ttlAttribute());
            dynamoDb.handle("UpdateTimeToLive", ttl);
        }
        if (table.pointInTimeRecovery()) {
            ObjectNode pitr = JSON.createObjectNode().put("TableName", table.tableName());
            pitr.putObject("PointInTimeRecoverySpecification").put("PointInTimeRecoveryEnabled", true);
            dynamoDb.handle("UpdateContinuousBackups", pitr);
        }
    }

    private static void addIndexes(ObjectNode request, String field, List<TableDefinition.SecondaryIndex> indexes) {
        if (indexes.isEmpty()) {
            return;
        }
        ArrayNode array = request.putArray(field);
        for (TableDefinition.SecondaryIndex index : indexes) {
            ObjectNode json = array.addObject().put("IndexName", index.indexName());
            ArrayNode keys = json.putArray("KeySchema");
            index.keySchema().forEach(k -> keys.addObject().put("AttributeName", k.attributeName()).put("KeyType", k.keyType()));
            json.set("Projection", JSON.valueToTree(index.projection()));
        }
    }

    private void createQueue(QueueDefinition queue) {
        sqs.ensureQueue(queue.queueName(), Map.of("MessageRetentionPeriod", queue.messageRetentionSeconds(),
                "VisibilityTimeout", queue.visibilityTimeoutSeconds(), "DelaySeconds", queue.delaySeconds(),
                "ReceiveMessageWaitTimeSeconds", queue.receiveWaitSeconds(),
                "MaximumMessageSize", queue.maximumMessageSize()));
    }

    private void createSecret(SecretDefinition secret) {
        ObjectNode describe = JSON.createObjectNode().put("SecretId", secret.name());
        try {
            secrets.handle("DescribeSecret", describe);
            return; // kept from an earlier run: a generated key must not change on every start
        } catch (AwsServiceException notThere) {
            // create it below
        }
        String value = secret.fixedValue().orElseGet(() -> secret.generated().map(this::generatedValue).orElse(null));
        if (value == null && sandbox != null && secret.name().endsWith("/airtable/default")) {
            // the deployment's default Airtable token: locally the sandbox's demo token (docs/local-cloud.md)
            value = JSON.createObjectNode().put("token", sandbox.demoToken()).toString();
        }
        ObjectNode create = JSON.createObjectNode().put("Name", secret.name());
        if (secret.description() != null) {
            create.put("Description", secret.description());
        }
        if (value != null) {
            create.put("SecretString", value);
        }
        secrets.handle("CreateSecret", create);
    }

    /** {@code GenerateSecretString}: a password from the local Secrets Manager's GetRandomPassword, as AWS does. */
    private String generatedValue(GeneratedSecretSpec spec) {
        ObjectNode request = JSON.createObjectNode().put("PasswordLength", spec.passwordLength())
                .put("ExcludeLowercase", spec.excludeLowercase()).put("ExcludeUppercase", spec.excludeUppercase())
                .put("ExcludeNumbers", spec.excludeNumbers()).put("ExcludePunctuation", spec.excludePunctuation())
                .put("IncludeSpace", spec.includeSpace()).put("RequireEachIncludedType", spec.requireEachIncludedType());
        if (spec.excludeCharacters() != null) {
            request.put("ExcludeCharacters", spec.excludeCharacters());
        }
        String password = secrets.handle("GetRandomPassword", request).path("RandomPassword").asText();
        if (spec.secretStringTemplate() == null || spec.generateStringKey() == null) {
            return password;
        }
        try {
            ObjectNode template = (ObjectNode) JSON.readTree(spec.secretStringTemplate());
            return JSON.writeValueAsString(template.put(spec.generateStringKey(), password));
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("SecretStringTemplate is not a JSON object", e);
        }
    }

    private void startApi() {
        if (template.httpApis().isEmpty()) {
            return; // nothing to route yet; see docs/local-cloud.md
        }
        HttpApiServerOptions apiOptions = HttpApiServerOptions.onPort(options.apiPort()).withHost(options.host())
                .withLog(options.log()).withMetrics(metrics);
        if (options.staticFiles() != null) {
            apiOptions = apiOptions.withStaticFiles(options.staticFiles());
        }
        api = HttpApiServer.start(template, lambdas, apiOptions);
        started.add(api);
    }

    private JsonNode invokeForStepFunctions(String function, JsonNode payload) throws LambdaFailure {
        InvocationResult result;
        try {
            result = lambdas.invoke(function, JSON.writeValueAsBytes(payload));
        } catch (UnknownFunctionException e) {
            throw LambdaFailure.serviceError("Lambda.ResourceNotFoundException", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            JsonNode body = JSON.readTree(result.payload());
            if (result.isError()) {
                List<String> stack = new ArrayList<>();
                body.path("stackTrace").forEach(line -> stack.add(line.asText()));
                throw LambdaFailure.functionError(result.errorType(), body.path("errorMessage").asText(), stack);
            }
            return body;
        } catch (IOException e) {
            throw LambdaFailure.functionError("Lambda.InvalidResponse", "the function returned invalid JSON", List.of());
        }
    }

    /** S3 invokes its notifications' functions asynchronously: retries and destinations as in AWS. */
    private void invokeAsyncForS3(FunctionDefinition function, JsonNode event) {
        try {
            asyncInvocations.invoke(function.logicalId(), JSON.writeValueAsBytes(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path dataPath(String name) {
        if (options.dataDir() == null) {
            return null;
        }
        try {
            Files.createDirectories(options.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + options.dataDir(), e);
        }
        return options.dataDir().resolve(name);
    }

    // ------------------------------------------------------------------ accessors for tests and the CLI

    /** The HTTP API (and frontend) URL, or null when the template declares no HTTP API. */
    public URI apiUrl() {
        return api == null ? null : api.url();
    }

    /** The AWS edge endpoint: {@code AWS_ENDPOINT_URL} for SDKs and the AWS CLI. */
    public URI awsUrl() {
        return edge.url();
    }

    /** The Airtable API URL the functions use (the sandbox's, unless a real Airtable was configured). */
    public URI airtableUrl() {
        return airtableUrl;
    }

    /** The sandbox, or null with a real Airtable. */
    public AirtableSandbox sandbox() {
        return sandbox;
    }

    public LocalTemplate template() {
        return template;
    }

    public LambdaHost lambdas() {
        return lambdas;
    }

    /** Makes the local DynamoDB fail chosen calls, for fault-injection tests (empty: every call goes through). */
    public FaultInjectingService dynamoDbFaults() {
        return dynamoDbFaults;
    }

    /** The local SQS (queues of the template, Lambda's SQS destinations). */
    public SqsService sqs() {
        return sqs;
    }

    /** Asynchronous invocations with retries and destinations (what S3 notifications go through). */
    public AsyncInvocations asyncInvocations() {
        return asyncInvocations;
    }

    /** The metrics the functions emitted (EMF), as {@code GET /_local/metrics} serves them. */
    public LocalMetrics metrics() {
        return metrics;
    }

    public StepFunctionsEngine stepFunctions() {
        return stepFunctions;
    }

    public LocalS3 s3() {
        return s3;
    }

    public Duration startupTime() {
        return startup;
    }

    /** One line saying where everything is, printed when the cloud is ready. */
    public String readyLine() {
        StringBuilder line = new StringBuilder("PyAirtable local cloud ready in ")
                .append(String.format("%.1f", startup.toMillis() / 1000.0)).append(" s: ");
        line.append("API ").append(api == null ? "(no HttpApi in the template yet)" : api.url());
        line.append(" | AWS ").append(edge.url());
        if (sandbox != null) {
            line.append(" | Airtable sandbox ").append(sandbox.baseUrl()).append(" (demo base ")
                    .append(sandbox.demoBaseId()).append(", token ").append(sandbox.demoToken()).append(")");
        } else {
            line.append(" | Airtable ").append(airtableUrl);
        }
        line.append(" | data ").append(options.dataDir() == null ? "in memory" : options.dataDir().toAbsolutePath());
        return line.toString();
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                options.log().println("[local] stopping " + started.get(i).getClass().getSimpleName() + " failed: " + e);
            }
        }
        started.clear();
    }
}
