package io.pyairtable.local.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a SAM template into a {@link LocalTemplate}. Fails fast with a {@link TemplateException} naming the resource
 * and property path on anything the local cloud cannot honour: an unknown resource type (see
 * {@link ResourceTypes#IGNORED_LOCALLY} for what is deliberately skipped), an unknown property, an unsupported
 * intrinsic function or event type.
 */
public final class TemplateLoader {
    private static final String SAM_TRANSFORM = "AWS::Serverless-2016-10-31";
    private static final Set<String> TOP_LEVEL = Set.of("AWSTemplateFormatVersion", "Transform", "Description",
            "Metadata", "Parameters", "Mappings", "Conditions", "Globals", "Resources", "Outputs", "Rules");
    private static final Set<String> RESOURCE_KEYS = Set.of("Type", "Properties", "Condition", "DependsOn", "Metadata",
            "DeletionPolicy", "UpdateReplacePolicy", "UpdatePolicy", "CreationPolicy");
    private static final ResourceReferences NO_RESOURCES = new ResourceReferences() {
        @Override
        public boolean exists(String logicalId) {
            return false;
        }

        @Override
        public Object ref(String logicalId, String path) {
            throw new IllegalStateException();
        }

        @Override
        public Object aliasRef(String functionLogicalId, String path) {
            throw new IllegalStateException();
        }

        @Override
        public Object getAtt(String logicalId, String attribute, String path) {
            throw new IllegalStateException();
        }
    };

    private final LocalNames names;
    private final Map<String, String> parameterOverrides;

    /** Default stack name, parameters from their defaults. */
    public TemplateLoader() {
        this(LocalNames.defaults(), Map.of());
    }

    /** @param parameterOverrides values for template parameters, like {@code sam --parameter-overrides} */
    public TemplateLoader(LocalNames names, Map<String, String> parameterOverrides) {
        this.names = names;
        this.parameterOverrides = Map.copyOf(parameterOverrides);
    }

    public LocalTemplate load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + file, e);
        }
        Path directory = file.toAbsolutePath().getParent();
        return parse(yaml, file, directory);
    }

    /**
     * Parses template text. {@code file} (may be null) is reported by the model; relative paths in the template
     * ({@code DefinitionUri}) are resolved against {@code baseDirectory}.
     */
    public LocalTemplate parse(String yaml, Path file, Path baseDirectory) {
        Map<String, Object> root = CloudFormationYaml.parse(yaml, file == null ? "template" : file.toString());
        checkTopLevel(root);
        Map<String, Object> parameters = TemplateParameters.resolve(root.get("Parameters"), parameterOverrides);
        Map<String, Object> mappings = PropertyReader.of("Mappings", root.get("Mappings")).values();
        Map<String, Object> conditions = PropertyReader.of("Conditions", root.get("Conditions")).values();
        Map<String, Map<String, Object>> globals = globals(root.get("Globals"));

        IntrinsicResolver conditionResolver = new IntrinsicResolver(parameters, mappings, conditions, names, NO_RESOURCES);
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
        readResources(root.get("Resources"), conditionResolver, globals, types, properties);

        StackResources stack = new StackResources(types, properties, names);
        IntrinsicResolver resolver = new IntrinsicResolver(parameters, mappings, conditions, names, stack);
        stack.useResolver(resolver);
        return build(file, baseDirectory, parameters, stack, resolver, root.get("Outputs"));
    }

    private void checkTopLevel(Map<String, Object> root) {
        for (String key : root.keySet()) {
            if (!TOP_LEVEL.contains(key)) {
                throw new TemplateException(key, "unknown top-level section");
            }
        }
        Object transform = root.get("Transform");
        List<?> transforms = transform instanceof List<?> list ? list : transform == null ? List.of() : List.of(transform);
        for (Object item : transforms) {
            if (!SAM_TRANSFORM.equals(item)) {
                throw new TemplateException("Transform", "only the " + SAM_TRANSFORM + " transform is supported locally, not "
                        + item);
            }
        }
    }

    private Map<String, Map<String, Object>> globals(Object section) {
        PropertyReader globals = PropertyReader.of("Globals", section);
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        for (String name : globals.values().keySet()) {
            if (!SamGlobals.SUPPORTED_SECTIONS.contains(name)) {
                throw new TemplateException("Globals." + name, "Globals section not supported locally (supported: "
                        + SamGlobals.SUPPORTED_SECTIONS + ")");
            }
            result.put(name, globals.map(name).values());
        }
        return result;
    }

    private void readResources(Object section, IntrinsicResolver conditionResolver, Map<String, Map<String, Object>> globals,
            Map<String, String> types, Map<String, Map<String, Object>> properties) {
        PropertyReader resources = PropertyReader.of("Resources", section);
        if (resources.values().isEmpty()) {
            throw new TemplateException("Resources", "a template needs at least one resource");
        }
        for (String logicalId : resources.values().keySet()) {
            PropertyReader resource = resources.map(logicalId);
            for (String key : resource.values().keySet()) {
                if (!RESOURCE_KEYS.contains(key)) {
                    throw new TemplateException(resource.pathOf(key), "unknown resource attribute " + key);
                }
            }
            String type = resource.string("Type");
            if (!ResourceTypes.SUPPORTED.contains(type) && !ResourceTypes.IGNORED_LOCALLY.contains(type)) {
                throw new TemplateException(resource.pathOf("Type"), "resource type " + type + " is not supported by"
                        + " the local cloud (supported: " + ResourceTypes.SUPPORTED + "; ignored locally: see"
                        + " ResourceTypes.IGNORED_LOCALLY)");
            }
            String condition = resource.optionalString("Condition");
            if (condition != null && !conditionResolver.condition(condition, resource.pathOf("Condition"))) {
                continue;
            }
            Map<String, Object> own = resource.map("Properties").values();
            Map<String, Object> merged = switch (type) {
                case ResourceTypes.FUNCTION -> SamGlobals.mergeProperties(globals.get("Function"), own);
                case ResourceTypes.HTTP_API -> SamGlobals.mergeProperties(globals.get("HttpApi"), own);
                default -> own;
            };
            types.put(logicalId, type);
            properties.put(logicalId, merged);
        }
        addImplicitResources(globals, types, properties);
    }

    private void addImplicitResources(Map<String, Map<String, Object>> globals, Map<String, String> types,
            Map<String, Map<String, Object>> properties) {
        Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
        types.forEach((id, type) -> {
            if (type.equals(ResourceTypes.FUNCTION)) {
                functions.put(id, properties.get(id));
            }
        });
        for (Map.Entry<String, Map<String, Object>> function : functions.entrySet()) {
            String role = function.getKey() + "Role";
            if (!FunctionReader.hasOwnRole(function.getValue()) && !types.containsKey(role)) {
                types.put(role, ImplicitResources.ROLE_TYPE);
            }
        }
        if (ImplicitResources.needsImplicitHttpApi(functions)) {
            String id = HttpApiDefinition.IMPLICIT_API_ID;
            if (types.containsKey(id)) {
                throw new TemplateException("Resources." + id, "this logical id is reserved for SAM's implicit HTTP API");
            }
            types.put(id, ResourceTypes.HTTP_API);
            properties.put(id, SamGlobals.mergeProperties(globals.get("HttpApi"), Map.of()));
        }
    }

    private LocalTemplate build(Path file, Path baseDirectory, Map<String, Object> parameters, StackResources stack,
            IntrinsicResolver resolver, Object outputsSection) {
        Map<String, FunctionDefinition> functions = new LinkedHashMap<>();
        Map<String, HttpApiDefinition> apis = new LinkedHashMap<>();
        Map<String, TableDefinition> tables = new LinkedHashMap<>();
        Map<String, BucketDefinition> buckets = new LinkedHashMap<>();
        Map<String, StateMachineDefinition> stateMachines = new LinkedHashMap<>();
        Map<String, SecretDefinition> secrets = new LinkedHashMap<>();
        Map<String, QueueDefinition> queues = new LinkedHashMap<>();
        List<IgnoredResource> ignored = new ArrayList<>();

        stack.ofType(ResourceTypes.HTTP_API).forEach((id, props) -> apis.put(id, HttpApiReader.read(
                input(id, props, HttpApiReader.SUPPORTED, Set.of(), HttpApiReader.IGNORED, resolver), names,
                id.equals(HttpApiDefinition.IMPLICIT_API_ID))));
        stack.ofType(ResourceTypes.FUNCTION).forEach((id, props) -> functions.put(id, FunctionReader.read(
                input(id, props, FunctionReader.SUPPORTED, FunctionReader.KEPT_RAW, FunctionReader.IGNORED, resolver),
                stack, names)));
        stack.ofType(ResourceTypes.TABLE).forEach((id, props) -> tables.put(id, TableReader.read(
                input(id, props, TableReader.SUPPORTED, Set.of(), TableReader.IGNORED, resolver), stack, names)));
        stack.ofType(ResourceTypes.BUCKET).forEach((id, props) -> buckets.put(id, BucketReader.read(
                input(id, props, BucketReader.SUPPORTED, Set.of(), BucketReader.IGNORED, resolver), stack, names)));
        stack.ofType(ResourceTypes.STATE_MACHINE).forEach((id, props) -> stateMachines.put(id, StateMachineReader.read(
                input(id, props, StateMachineReader.SUPPORTED, StateMachineReader.KEPT_RAW, StateMachineReader.IGNORED,
                        resolver), stack, names, baseDirectory)));
        stack.ofType(ResourceTypes.SECRET).forEach((id, props) -> secrets.put(id, SecretReader.read(
                input(id, props, SecretReader.SUPPORTED, Set.of(), SecretReader.IGNORED, resolver), stack, names)));
        stack.ofType(ResourceTypes.QUEUE).forEach((id, props) -> queues.put(id, QueueReader.read(
                input(id, props, QueueReader.SUPPORTED, Set.of(), QueueReader.IGNORED, resolver), stack, names)));
        for (String type : ResourceTypes.IGNORED_LOCALLY) {
            stack.ofType(type).keySet().forEach(id -> ignored.add(new IgnoredResource(id, type)));
        }
        checkRoutes(functions, apis);
        checkDestinations(functions, queues);
        return new LocalTemplate(file, names, parameterStrings(parameters), functions, apis, tables, buckets,
                stateMachines, secrets, queues, ignored, outputs(outputsSection, resolver));
    }

    private static ResourceInput input(String logicalId, Map<String, Object> properties, Set<String> supported,
            Set<String> keptRaw, Set<String> ignored, IntrinsicResolver resolver) {
        String path = "Resources." + logicalId + ".Properties";
        Set<String> known = new HashSet<>(supported);
        known.addAll(keptRaw);
        new PropertyReader(path, properties).requireKnownKeys(known, ignored);
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            if (supported.contains(property.getKey())) {
                Object value = resolver.resolve(property.getValue(), path + "." + property.getKey());
                if (value != null) {
                    resolved.put(property.getKey(), value);
                }
            }
        }
        return new ResourceInput(logicalId, properties, new PropertyReader(path, resolved));
    }

    /** Every route's authorizer must exist on its API, and no two functions may claim the same route. */
    private static void checkRoutes(Map<String, FunctionDefinition> functions, Map<String, HttpApiDefinition> apis) {
        Map<String, String> owners = new LinkedHashMap<>();
        for (FunctionDefinition function : functions.values()) {
            for (HttpApiEventSource event : function.httpApiEvents()) {
                String path = "Resources." + function.logicalId() + ".Properties.Events." + event.name();
                HttpApiDefinition api = apis.get(event.apiLogicalId());
                String authorizer = event.authorizer();
                if (authorizer != null && !authorizer.equals(HttpApiEventSource.NO_AUTHORIZER)
                        && !api.authorizers().containsKey(authorizer)) {
                    throw new TemplateException(path, "API " + api.logicalId() + " has no authorizer named " + authorizer);
                }
                String route = event.apiLogicalId() + " " + event.routeKey();
                String previous = owners.putIfAbsent(route, function.logicalId());
                if (previous != null) {
                    throw new TemplateException(path, "route " + event.routeKey() + " is already taken by " + previous);
                }
            }
        }
    }

    /** An SQS destination of an EventInvokeConfig must be a queue of this template (the local cloud creates it). */
    private static void checkDestinations(Map<String, FunctionDefinition> functions, Map<String, QueueDefinition> queues) {
        for (FunctionDefinition function : functions.values()) {
            AsyncInvokeConfig config = function.asyncConfig();
            for (String key : new String[] {"OnSuccess", "OnFailure"}) {
                AsyncInvokeConfig.Destination destination = key.equals("OnSuccess") ? config.onSuccess() : config.onFailure();
                if (destination != null && queues.values().stream().noneMatch(q -> q.arn().equals(destination.arn()))) {
                    throw new TemplateException("Resources." + function.logicalId()
                            + ".Properties.EventInvokeConfig.DestinationConfig." + key + ".Destination",
                            "no AWS::SQS::Queue of this template has the ARN " + destination.arn());
                }
            }
        }
    }

    private static Map<String, String> parameterStrings(Map<String, Object> parameters) {
        Map<String, String> result = new LinkedHashMap<>();
        parameters.forEach((name, value) -> result.put(name,
                value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                        : String.valueOf(value)));
        return result;
    }

    private static Map<String, Object> outputs(Object section, IntrinsicResolver resolver) {
        PropertyReader outputs = PropertyReader.of("Outputs", section);
        Map<String, Object> result = new LinkedHashMap<>();
        for (String name : outputs.values().keySet()) {
            PropertyReader output = outputs.map(name);
            String condition = output.optionalString("Condition");
            if (condition != null && !resolver.condition(condition, output.pathOf("Condition"))) {
                continue;
            }
            result.put(name, resolver.resolve(output.raw("Value"), output.pathOf("Value")));
        }
        return result;
    }
}
