package io.pyairtable.local.template;

import java.util.Set;

/** Reads an {@code AWS::SecretsManager::Secret} into a {@link SecretDefinition}. */
final class SecretReader {
    static final Set<String> SUPPORTED = Set.of("Name", "Description", "SecretString", "GenerateSecretString");
    static final Set<String> IGNORED = Set.of("KmsKeyId", "Tags", "ReplicaRegions");

    private SecretReader() {
    }

    static SecretDefinition read(ResourceInput input, StackResources stack, LocalNames names) {
        PropertyReader props = input.properties();
        if (props.has("SecretString") && props.has("GenerateSecretString")) {
            throw new TemplateException(props.path(), "give SecretString or GenerateSecretString, not both");
        }
        String name = stack.physicalName(input.logicalId());
        return new SecretDefinition(input.logicalId(), name, names.secretArn(name), props.optionalString("Description"),
                props.optionalString("SecretString"),
                props.has("GenerateSecretString") ? generated(props.map("GenerateSecretString")) : null);
    }

    private static GeneratedSecretSpec generated(PropertyReader spec) {
        spec.requireKnownKeys(Set.of("SecretStringTemplate", "GenerateStringKey", "PasswordLength", "ExcludeCharacters",
                "ExcludePunctuation", "ExcludeUppercase", "ExcludeLowercase", "ExcludeNumbers", "IncludeSpace",
                "RequireEachIncludedType"), Set.of());
        String template = spec.optionalString("SecretStringTemplate");
        String key = spec.optionalString("GenerateStringKey");
        if ((template == null) != (key == null)) {
            throw new TemplateException(spec.path(), "SecretStringTemplate and GenerateStringKey go together");
        }
        int length = spec.integer("PasswordLength", GeneratedSecretSpec.DEFAULT_PASSWORD_LENGTH);
        if (length < 1 || length > 4096) {
            throw new TemplateException(spec.pathOf("PasswordLength"), "must be 1 to 4096");
        }
        return new GeneratedSecretSpec(template, key, length, spec.string("ExcludeCharacters", ""),
                spec.bool("ExcludePunctuation", false), spec.bool("ExcludeUppercase", false),
                spec.bool("ExcludeLowercase", false), spec.bool("ExcludeNumbers", false),
                spec.bool("IncludeSpace", false), spec.bool("RequireEachIncludedType", true));
    }
}
