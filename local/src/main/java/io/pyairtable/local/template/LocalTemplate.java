package io.pyairtable.local.template;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A SAM template as the local cloud runs it: parameters resolved, {@code Globals} merged, every intrinsic function
 * evaluated to local names ({@link LocalNames}). Immutable. Load with {@link #load(Path)} or a {@link TemplateLoader}.
 */
public final class LocalTemplate {
    private final Path file;
    private final LocalNames names;
    private final Map<String, String> parameters;
    private final Map<String, FunctionDefinition> functions;
    private final Map<String, HttpApiDefinition> httpApis;
    private final Map<String, TableDefinition> tables;
    private final Map<String, BucketDefinition> buckets;
    private final Map<String, StateMachineDefinition> stateMachines;
    private final Map<String, SecretDefinition> secrets;
    private final Map<String, QueueDefinition> queues;
    private final List<IgnoredResource> ignoredResources;
    private final Map<String, Object> outputs;

    LocalTemplate(Path file, LocalNames names, Map<String, String> parameters, Map<String, FunctionDefinition> functions,
            Map<String, HttpApiDefinition> httpApis, Map<String, TableDefinition> tables,
            Map<String, BucketDefinition> buckets, Map<String, StateMachineDefinition> stateMachines,
            Map<String, SecretDefinition> secrets, Map<String, QueueDefinition> queues,
            List<IgnoredResource> ignoredResources, Map<String, Object> outputs) {
        this.file = file;
        this.names = names;
        this.parameters = Immutables.map(parameters);
        this.functions = Immutables.map(functions);
        this.httpApis = Immutables.map(httpApis);
        this.tables = Immutables.map(tables);
        this.buckets = Immutables.map(buckets);
        this.stateMachines = Immutables.map(stateMachines);
        this.secrets = Immutables.map(secrets);
        this.queues = Immutables.map(queues);
        this.ignoredResources = List.copyOf(ignoredResources);
        this.outputs = Immutables.deepMap(outputs);
    }

    /** Loads {@code file} with the parameters' defaults and the default stack name. */
    public static LocalTemplate load(Path file) {
        return new TemplateLoader().load(file);
    }

    /** The template file, or null when parsed from text. */
    public Path file() {
        return file;
    }

    public LocalNames names() {
        return names;
    }

    public String stackName() {
        return names.stackName();
    }

    /** Effective parameter values (list parameters comma-joined). */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** Functions by logical id, in template order. */
    public Map<String, FunctionDefinition> functions() {
        return functions;
    }

    public Map<String, HttpApiDefinition> httpApis() {
        return httpApis;
    }

    public Map<String, TableDefinition> tables() {
        return tables;
    }

    public Map<String, BucketDefinition> buckets() {
        return buckets;
    }

    public Map<String, StateMachineDefinition> stateMachines() {
        return stateMachines;
    }

    public Map<String, SecretDefinition> secrets() {
        return secrets;
    }

    /** SQS queues by logical id. */
    public Map<String, QueueDefinition> queues() {
        return queues;
    }

    /** Resources of types in {@link ResourceTypes#IGNORED_LOCALLY}. */
    public List<IgnoredResource> ignoredResources() {
        return ignoredResources;
    }

    /** Outputs by name, values resolved. */
    public Map<String, Object> outputs() {
        return outputs;
    }

    /** A function by logical id, function name, or function ARN (with or without a qualifier). */
    public Optional<FunctionDefinition> findFunction(String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        FunctionDefinition byLogicalId = functions.get(reference);
        if (byLogicalId != null) {
            return Optional.of(byLogicalId);
        }
        String name = LocalNames.functionNameOfArn(reference).orElse(reference);
        return functions.values().stream().filter(function -> function.functionName().equals(name)).findFirst();
    }

    /** The functions an S3 notification of {@code eventName} (e.g. {@code ObjectCreated:Put}) for a key triggers. */
    public List<FunctionDefinition> functionsNotifiedBy(String bucketName, String eventName, String key) {
        return functions.values().stream()
                .filter(function -> function.s3Events().stream().anyMatch(e -> e.matches(bucketName, eventName, key)))
                .toList();
    }

    @Override
    public String toString() {
        return "LocalTemplate[" + (file == null ? "<text>" : file) + ": " + functions.size() + " functions, "
                + httpApis.size() + " HTTP APIs, " + tables.size() + " tables, " + buckets.size() + " buckets, "
                + stateMachines.size() + " state machines, " + secrets.size() + " secrets, " + queues.size() + " queues]";
    }
}
