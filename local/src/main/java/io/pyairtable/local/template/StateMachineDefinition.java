package io.pyairtable.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An {@code AWS::Serverless::StateMachine}: its Amazon States Language definition comes from {@code DefinitionUri}
 * (a file, resolved against the template's directory) or an inline {@code Definition}; {@code DefinitionSubstitutions}
 * are resolved and applied by {@link #definitionJson()} as SAM does ({@code ${Key}} replaced by its value).
 *
 * @param type {@code STANDARD} (default) or {@code EXPRESS}
 * @param definitionFile absolute path of {@code DefinitionUri}, or null when inline
 * @param inlineDefinition resolved {@code Definition}, or null when from a file
 * @param policies {@code Policies} as written (unresolved; IAM is not enforced locally)
 */
public record StateMachineDefinition(String logicalId, String name, String arn, String type, Path definitionFile,
        Object inlineDefinition, Map<String, String> substitutions, Object policies) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public StateMachineDefinition {
        inlineDefinition = Immutables.deep(inlineDefinition);
        substitutions = Immutables.map(substitutions);
        policies = Immutables.deep(policies);
    }

    /** The definition as JSON text with the substitutions applied. */
    public String definitionJson() {
        String text;
        if (definitionFile != null) {
            try {
                text = Files.readString(definitionFile);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the definition of state machine " + logicalId + " from "
                        + definitionFile, e);
            }
        } else {
            try {
                text = JSON.writeValueAsString(inlineDefinition);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the definition of state machine " + logicalId, e);
            }
        }
        for (Map.Entry<String, String> substitution : substitutions.entrySet()) {
            text = text.replace("${" + substitution.getKey() + "}", substitution.getValue());
        }
        return text;
    }
}
