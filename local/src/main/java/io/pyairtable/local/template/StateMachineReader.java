package io.pyairtable.local.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Reads an {@code AWS::Serverless::StateMachine} into a {@link StateMachineDefinition}. */
final class StateMachineReader {
    static final Set<String> SUPPORTED = Set.of("Name", "DefinitionUri", "Definition", "DefinitionSubstitutions", "Type");
    static final Set<String> KEPT_RAW = Set.of("Policies");
    static final Set<String> IGNORED = Set.of("Role", "Tracing", "Logging", "Tags", "PermissionsBoundary", "RolePath",
            "AutoPublishAlias", "DeploymentPreference", "UseAliasAsEventTarget", "PropagateTags");

    private StateMachineReader() {
    }

    static StateMachineDefinition read(ResourceInput input, StackResources stack, LocalNames names, Path baseDirectory) {
        PropertyReader props = input.properties();
        boolean fromFile = props.has("DefinitionUri");
        if (fromFile == props.has("Definition")) {
            throw new TemplateException(props.path(), "give exactly one of DefinitionUri and Definition");
        }
        Path file = null;
        if (fromFile) {
            if (!(props.raw("DefinitionUri") instanceof String uri)) {
                throw new TemplateException(props.pathOf("DefinitionUri"), "must be a local file path (S3 locations are"
                        + " not supported locally)");
            }
            file = baseDirectory.resolve(uri).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new TemplateException(props.pathOf("DefinitionUri"), "no such file: " + file);
            }
        }
        String type = props.string("Type", "STANDARD");
        if (!type.equals("STANDARD") && !type.equals("EXPRESS")) {
            throw new TemplateException(props.pathOf("Type"), "must be STANDARD or EXPRESS");
        }
        String name = stack.physicalName(input.logicalId());
        return new StateMachineDefinition(input.logicalId(), name, names.stateMachineArn(name), type, file,
                props.raw("Definition"), props.stringMap("DefinitionSubstitutions"), input.rawProperties().get("Policies"));
    }
}
