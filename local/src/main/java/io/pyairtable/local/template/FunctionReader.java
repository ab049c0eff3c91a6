package io.pyairtable.local.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads an {@code AWS::Serverless::Function} (Globals already merged) into a {@link FunctionDefinition}. */
final class FunctionReader {
    static final Set<String> SUPPORTED = Set.of("Handler", "Runtime", "CodeUri", "MemorySize", "Timeout", "Environment",
            "Events", "Architectures", "FunctionName", "Description", "PackageType", "EventInvokeConfig");
    static final Set<String> KEPT_RAW = Set.of("Policies");
    static final Set<String> IGNORED = Set.of("Tracing", "Tags", "Role", "Layers", "AutoPublishAlias",
            "DeploymentPreference", "ReservedConcurrentExecutions", "ProvisionedConcurrencyConfig", "LoggingConfig",
            "SnapStart", "EphemeralStorage", "VpcConfig", "KmsKeyArn", "PermissionsBoundary", "PropagateTags",
            "RuntimeManagementConfig", "RecursiveLoop", "AssumeRolePolicyDocument", "RolePath", "CodeSigningConfigArn",
            "DeadLetterQueue", "SourceKMSKeyArn", "VersionDescription", "AutoPublishCodeSha256",
            "AutoPublishAliasAllProperties");

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY");
    private static final int DEFAULT_TIMEOUT_SECONDS = 3;
    private static final int DEFAULT_MEMORY_MB = 128;
    private static final int DEFAULT_INTEGRATION_TIMEOUT_MILLIS = 30_000;

    private FunctionReader() {
    }

    static FunctionDefinition read(ResourceInput input, StackResources stack, LocalNames names) {
        PropertyReader props = input.properties();
        String runtime = props.string("Runtime");
        if (!runtime.startsWith("java")) {
            throw new TemplateException(props.pathOf("Runtime"), "the local cloud runs Java functions only, not " + runtime);
        }
        if (!"Zip".equals(props.string("PackageType", "Zip"))) {
            throw new TemplateException(props.pathOf("PackageType"), "only Zip functions run locally");
        }
        HandlerReference handler = HandlerReference.parse(props.string("Handler"), props.pathOf("Handler"));
        int timeout = props.integer("Timeout", DEFAULT_TIMEOUT_SECONDS);
        if (timeout < 1 || timeout > 900) {
            throw new TemplateException(props.pathOf("Timeout"), "must be 1 to 900 seconds, got " + timeout);
        }
        int memory = props.integer("MemorySize", DEFAULT_MEMORY_MB);
        PropertyReader environment = props.map("Environment");
        environment.requireKnownKeys(Set.of("Variables"), Set.of());
        List<String> architectures = props.stringList("Architectures");
        String functionName = stack.physicalName(input.logicalId());
        return new FunctionDefinition(input.logicalId(), functionName, names.functionArn(functionName), handler, runtime,
                memory, timeout, architectures.isEmpty() ? List.of("x86_64") : architectures,
                environment.stringMap("Variables"), events(props.map("Events"), stack),
                input.rawProperties().get("Policies"), props.optionalString("CodeUri"),
                asyncConfig(props.map("EventInvokeConfig"), props.has("EventInvokeConfig")));
    }

    private static AsyncInvokeConfig asyncConfig(PropertyReader config, boolean present) {
        if (!present) {
            return AsyncInvokeConfig.DEFAULTS;
        }
        config.requireKnownKeys(Set.of("MaximumRetryAttempts", "MaximumEventAgeInSeconds", "DestinationConfig"), Set.of());
        int retries = config.integer("MaximumRetryAttempts", AsyncInvokeConfig.DEFAULT_RETRY_ATTEMPTS);
        if (retries < 0 || retries > 2) {
            throw new TemplateException(config.pathOf("MaximumRetryAttempts"), "must be 0 to 2, got " + retries);
        }
        int age = config.integer("MaximumEventAgeInSeconds", AsyncInvokeConfig.DEFAULT_MAXIMUM_EVENT_AGE_SECONDS);
        if (age < 60 || age > 21_600) {
            throw new TemplateException(config.pathOf("MaximumEventAgeInSeconds"), "must be 60 to 21600, got " + age);
        }
        PropertyReader destinations = config.map("DestinationConfig");
        destinations.requireKnownKeys(Set.of("OnSuccess", "OnFailure"), Set.of());
        return new AsyncInvokeConfig(retries, age, destination(destinations, "OnSuccess"),
                destination(destinations, "OnFailure"));
    }

    private static AsyncInvokeConfig.Destination destination(PropertyReader destinations, String key) {
        if (!destinations.has(key)) {
            return null;
        }
        PropertyReader destination = destinations.map(key);
        destination.requireKnownKeys(Set.of("Type", "Destination"), Set.of());
        String type = destination.string("Type");
        if (!type.equals("SQS")) {
            throw new TemplateException(destination.pathOf("Type"), "destination type " + type
                    + " is not emulated locally (supported: SQS)");
        }
        String arn = destination.optionalString("Destination");
        if (arn == null || !arn.startsWith("arn:aws:sqs:")) {
            throw new TemplateException(destination.pathOf("Destination"),
                    "must be the ARN of an AWS::SQS::Queue of this template (!GetAtt Queue.Arn), got " + arn);
        }
        return new AsyncInvokeConfig.Destination(type, arn);
    }

    private static List<EventSource> events(PropertyReader events, StackResources stack) {
        List<EventSource> result = new ArrayList<>();
        for (String name : events.values().keySet()) {
            PropertyReader event = events.map(name);
            event.requireKnownKeys(Set.of("Type", "Properties"), Set.of());
            String type = event.string("Type");
            PropertyReader props = event.map("Properties");
            switch (type) {
                case "HttpApi" -> result.add(httpApiEvent(name, props, stack));
                case "S3" -> result.add(s3Event(name, props, stack));
                default -> throw new TemplateException(event.pathOf("Type"), "event type " + type
                        + " is not supported locally (supported: HttpApi, S3)");
            }
        }
        return result;
    }

    private static HttpApiEventSource httpApiEvent(String name, PropertyReader props, StackResources stack) {
        props.requireKnownKeys(Set.of("Path", "Method", "ApiId", "Auth", "PayloadFormatVersion", "TimeoutInMillis"),
                Set.of("RouteSettings"));
        String path = props.optionalString("Path");
        String method = props.optionalString("Method");
        if ((path == null) != (method == null)) {
            throw new TemplateException(props.path(), "give both Path and Method, or neither for the $default route");
        }
        if (method != null) {
            method = method.toUpperCase(java.util.Locale.ROOT);
            if (!METHODS.contains(method)) {
                throw new TemplateException(props.pathOf("Method"), "unknown HTTP method " + method);
            }
            if (!path.startsWith("/")) {
                throw new TemplateException(props.pathOf("Path"), "must start with /: " + path);
            }
        }
        String apiLogicalId = HttpApiDefinition.IMPLICIT_API_ID;
        if (props.has("ApiId")) {
            apiLogicalId = stack.logicalIdByRef(ResourceTypes.HTTP_API, props.raw("ApiId"));
            if (apiLogicalId == null) {
                throw new TemplateException(props.pathOf("ApiId"), "must be !Ref of an AWS::Serverless::HttpApi of this template");
            }
        }
        PropertyReader auth = props.map("Auth");
        auth.requireKnownKeys(Set.of("Authorizer"), Set.of("AuthorizationScopes"));
        String version = props.string("PayloadFormatVersion", "2.0");
        if (!version.equals("2.0")) {
            throw new TemplateException(props.pathOf("PayloadFormatVersion"), "only payload format 2.0 is emulated locally");
        }
        int timeoutMillis = props.integer("TimeoutInMillis", DEFAULT_INTEGRATION_TIMEOUT_MILLIS);
        if (timeoutMillis < 50 || timeoutMillis > 30_000) {
            throw new TemplateException(props.pathOf("TimeoutInMillis"), "must be 50 to 30000, got " + timeoutMillis);
        }
        return new HttpApiEventSource(name, apiLogicalId, method, path, auth.optionalString("Authorizer"), version,
                timeoutMillis);
    }

    private static S3EventSource s3Event(String name, PropertyReader props, StackResources stack) {
        props.requireKnownKeys(Set.of("Bucket", "Events", "Filter"), Set.of());
        String bucketName = props.string("Bucket");
        String bucketLogicalId = stack.logicalIdByRef(ResourceTypes.BUCKET, bucketName);
        if (bucketLogicalId == null) {
            throw new TemplateException(props.pathOf("Bucket"), "must be !Ref of an AWS::S3::Bucket of this template");
        }
        List<String> events = props.stringList("Events");
        if (events.isEmpty()) {
            throw new TemplateException(props.pathOf("Events"), "is required");
        }
        for (String event : events) {
            if (!event.startsWith("s3:")) {
                throw new TemplateException(props.pathOf("Events"), "not an S3 event type: " + event);
            }
        }
        String prefix = null;
        String suffix = null;
        PropertyReader filter = props.map("Filter");
        filter.requireKnownKeys(Set.of("S3Key"), Set.of());
        PropertyReader key = filter.map("S3Key");
        key.requireKnownKeys(Set.of("Rules"), Set.of());
        for (PropertyReader rule : key.mapList("Rules")) {
            rule.requireKnownKeys(Set.of("Name", "Value"), Set.of());
            String ruleName = rule.string("Name").toLowerCase(java.util.Locale.ROOT);
            switch (ruleName) {
                case "prefix" -> prefix = rule.string("Value");
                case "suffix" -> suffix = rule.string("Value");
                default -> throw new TemplateException(rule.pathOf("Name"), "filter rule must be prefix or suffix");
            }
        }
        return new S3EventSource(name, bucketLogicalId, bucketName, events, prefix, suffix);
    }

    static boolean hasOwnRole(Map<String, Object> properties) {
        return properties.get("Role") != null;
    }
}
