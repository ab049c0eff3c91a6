package io.pyairtable.local.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The template as plain maps and lists, read exactly as the local cloud reads it ({@link CloudFormationYaml}: the
 * short-form tags {@code !Ref}, {@code !Sub}, {@code !GetAtt}, {@code !If} ... become their long forms), for tests that
 * check properties the local cloud does not model (IAM statements, encryption, SnapStart, throttling).
 */
public final class RawTemplates {
    private RawTemplates() {
    }

    public static Map<String, Object> parse(Path file) throws IOException {
        return CloudFormationYaml.parse(Files.readString(file), file.toString());
    }

    public static Map<String, Object> parse(String yaml) {
        return CloudFormationYaml.parse(yaml, "inline template");
    }
}
