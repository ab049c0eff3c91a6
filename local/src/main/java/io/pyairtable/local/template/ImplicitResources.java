package io.pyairtable.local.template;

import java.util.Map;

/** SAM's implicit resources that templates may reference: the implicit HTTP API and the functions' roles. */
final class ImplicitResources {
    /** Pseudo type of the {@code <Function>Role} SAM creates for each function without a {@code Role}. */
    static final String ROLE_TYPE = "AWS::IAM::Role#SamGenerated";

    private ImplicitResources() {
    }

    /** Whether some function has an {@code HttpApi} event without {@code ApiId}, so SAM creates ServerlessHttpApi. */
    static boolean needsImplicitHttpApi(Map<String, Map<String, Object>> functions) {
        for (Map<String, Object> properties : functions.values()) {
            if (properties.get("Events") instanceof Map<?, ?> events) {
                for (Object event : events.values()) {
                    if (event instanceof Map<?, ?> definition && "HttpApi".equals(definition.get("Type"))
                            && !(definition.get("Properties") instanceof Map<?, ?> props && props.get("ApiId") != null)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
