package io.pyairtable.local.template;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The resources of one template being loaded, answering {@code !Ref} and {@code !GetAtt} with local names
 * ({@link LocalNames}). Physical names come from the naming property when the template sets one (itself resolved,
 * with cycle detection) or are generated. Also knows SAM's implicit resources: the {@code ServerlessHttpApi} and each
 * function's {@code <Function>Role}.
 */
final class StackResources implements ResourceReferences {
    private final Map<String, String> types;
    private final Map<String, Map<String, Object>> properties;
    private final LocalNames names;
    private final Map<String, String> physicalNames = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();
    private IntrinsicResolver resolver;

    StackResources(Map<String, String> types, Map<String, Map<String, Object>> properties, LocalNames names) {
        this.types = types;
        this.properties = properties;
        this.names = names;
    }

    void useResolver(IntrinsicResolver resolver) {
        this.resolver = resolver;
    }

    String typeOf(String logicalId) {
        return types.get(logicalId);
    }

    @Override
    public boolean exists(String logicalId) {
        return types.containsKey(logicalId);
    }

    @Override
    public Object ref(String logicalId, String path) {
        String type = types.get(logicalId);
        return switch (type) {
            case ResourceTypes.STATE_MACHINE -> names.stateMachineArn(physicalName(logicalId));
            case ResourceTypes.SECRET -> names.secretArn(physicalName(logicalId));
            case ResourceTypes.HTTP_API -> names.apiId(logicalId);
            case ResourceTypes.QUEUE -> LocalNames.queueUrl(physicalName(logicalId));
            default -> physicalName(logicalId);
        };
    }

    @Override
    public Object aliasRef(String functionLogicalId, String path) {
        Object alias = ResourceTypes.FUNCTION.equals(types.get(functionLogicalId))
                ? properties.getOrDefault(functionLogicalId, Map.of()).get("AutoPublishAlias") : null;
        if (!(alias instanceof String name) || name.isEmpty()) {
            throw new TemplateException(path, "Ref to " + functionLogicalId + ".Alias needs an AWS::Serverless::Function"
                    + " with AutoPublishAlias");
        }
        return names.functionArn(physicalName(functionLogicalId)) + ":" + name;
    }

    @Override
    public Object getAtt(String logicalId, String attribute, String path) {
        String type = types.get(logicalId);
        String name = type.equals(ResourceTypes.HTTP_API) ? names.apiId(logicalId) : physicalName(logicalId);
        String value = switch (type + "." + attribute) {
            case ResourceTypes.FUNCTION + ".Arn" -> names.functionArn(name);
            case ResourceTypes.TABLE + ".Arn" -> names.tableArn(name);
            case ResourceTypes.TABLE + ".StreamArn" -> names.tableStreamArn(name);
            case ResourceTypes.BUCKET + ".Arn" -> names.bucketArn(name);
            case ResourceTypes.BUCKET + ".DomainName" -> name + ".s3." + LocalNames.URL_SUFFIX;
            case ResourceTypes.BUCKET + ".RegionalDomainName" -> name + ".s3." + LocalNames.REGION + "." + LocalNames.URL_SUFFIX;
            case ResourceTypes.STATE_MACHINE + ".Arn" -> names.stateMachineArn(name);
            case ResourceTypes.STATE_MACHINE + ".Name" -> name;
            case ResourceTypes.SECRET + ".Id" -> names.secretArn(name);
            case ResourceTypes.HTTP_API + ".ApiEndpoint" -> names.apiEndpoint(name);
            case ResourceTypes.QUEUE + ".Arn" -> names.queueArn(name);
            case ResourceTypes.QUEUE + ".QueueName" -> name;
            case ResourceTypes.QUEUE + ".QueueUrl" -> LocalNames.queueUrl(name);
            case ImplicitResources.ROLE_TYPE + ".Arn" -> names.roleArn(name);
            default -> null;
        };
        if (value != null) {
            return value;
        }
        if (ResourceTypes.IGNORED_LOCALLY.contains(type)) {
            return attribute.equals("Arn") ? names.placeholderArn(type, name) : name + "." + attribute;
        }
        throw new TemplateException(path, "Fn::GetAtt " + logicalId + "." + attribute + ": " + type
                + " has no attribute " + attribute + " locally");
    }

    /** The physical name of a resource: its naming property when set, else generated. */
    String physicalName(String logicalId) {
        String known = physicalNames.get(logicalId);
        if (known != null) {
            return known;
        }
        String type = types.get(logicalId);
        String property = switch (type) {
            case ResourceTypes.FUNCTION -> "FunctionName";
            case ResourceTypes.TABLE -> "TableName";
            case ResourceTypes.BUCKET -> "BucketName";
            case ResourceTypes.STATE_MACHINE, ResourceTypes.SECRET -> "Name";
            case ResourceTypes.QUEUE -> "QueueName";
            default -> null;
        };
        Object written = property == null ? null : properties.getOrDefault(logicalId, Map.of()).get(property);
        String name;
        if (written == null) {
            name = type.equals(ResourceTypes.BUCKET) ? names.generatedBucketName(logicalId) : names.generatedName(logicalId);
        } else {
            String path = "Resources." + logicalId + ".Properties." + property;
            if (!inProgress.add(logicalId)) {
                throw new TemplateException(path, "the name of " + logicalId + " refers to itself");
            }
            try {
                Object resolved = resolver.resolve(written, path);
                if (!(resolved instanceof String || resolved instanceof Number)) {
                    throw new TemplateException(path, "expected a name, got " + IntrinsicResolver.describe(resolved));
                }
                name = String.valueOf(resolved);
            } finally {
                inProgress.remove(logicalId);
            }
            if (type.equals(ResourceTypes.BUCKET) && !name.equals(name.toLowerCase(Locale.ROOT))) {
                throw new TemplateException(path, "bucket names must be lower case: " + name);
            }
        }
        physicalNames.put(logicalId, name);
        return name;
    }

    /** Logical ids of the resources of {@code type}, in template order. */
    Map<String, Map<String, Object>> ofType(String type) {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        types.forEach((logicalId, resourceType) -> {
            if (resourceType.equals(type)) {
                result.put(logicalId, properties.getOrDefault(logicalId, Map.of()));
            }
        });
        return result;
    }

    /** The logical id of the resource of {@code type} whose {@code !Ref} value is {@code value}, or null. */
    String logicalIdByRef(String type, Object value) {
        for (Map.Entry<String, String> entry : types.entrySet()) {
            if (entry.getValue().equals(type) && ref(entry.getKey(), "").equals(value)) {
                return entry.getKey();
            }
        }
        return null;
    }
}
