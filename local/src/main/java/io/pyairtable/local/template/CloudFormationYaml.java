package io.pyairtable.local.template;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads CloudFormation YAML into plain Java values (maps, lists, strings, numbers, booleans). The short-form tags
 * ({@code !Ref}, {@code !Sub}, {@code !GetAtt}, ...) become their long forms ({@code {"Ref": ...}},
 * {@code {"Fn::Sub": ...}}), so the rest of the loader only ever sees one shape. {@code !GetAtt A.B} becomes
 * {@code {"Fn::GetAtt": ["A", "B"]}} as CloudFormation defines.
 */
final class CloudFormationYaml {
    private static final List<String> FUNCTION_TAGS = List.of("Sub", "GetAtt", "Join", "Select", "Split", "If",
            "Equals", "Not", "And", "Or", "FindInMap", "ImportValue", "Base64", "GetAZs", "Cidr", "Transform",
            "Length", "ToJsonString");

    private CloudFormationYaml() {
    }

    /** Parses {@code yaml}; {@code source} names the file in error messages. */
    static Map<String, Object> parse(String yaml, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object root;
        try {
            root = new Yaml(new IntrinsicConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new TemplateException("", source + " is not a valid CloudFormation YAML template: " + e.getMessage(), e);
        }
        if (!(root instanceof Map)) {
            throw new TemplateException("", source + " is not a CloudFormation template (expected a mapping at the top)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> template = (Map<String, Object>) root;
        return template;
    }

    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new LongForm("Condition"));
            for (String function : FUNCTION_TAGS) {
                yamlConstructors.put(new Tag("!" + function), new LongForm("Fn::" + function));
            }
        }

        /** Builds {@code {key: value}} from a tagged scalar, sequence or mapping. */
        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    value = "Fn::GetAtt".equals(key) ? splitGetAtt(text) : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(key, value);
            }

            private Object splitGetAtt(String text) {
                int dot = text.indexOf('.');
                return dot < 0 ? text : List.of(text.substring(0, dot), text.substring(dot + 1));
            }
        }
    }
}
