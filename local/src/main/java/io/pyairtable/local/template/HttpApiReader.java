package io.pyairtable.local.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads an {@code AWS::Serverless::HttpApi} (Globals already merged) into an {@link HttpApiDefinition}. */
final class HttpApiReader {
    static final Set<String> SUPPORTED = Set.of("CorsConfiguration", "Auth", "StageName", "StageVariables",
            "Description", "Name");
    static final Set<String> IGNORED = Set.of("FailOnWarnings", "Tags", "AccessLogSettings", "DefaultRouteSettings",
            "RouteSettings", "PropagateTags", "DisableExecuteApiEndpoint", "Domain");

    private HttpApiReader() {
    }

    static HttpApiDefinition read(ResourceInput input, LocalNames names, boolean implicit) {
        PropertyReader props = input.properties();
        String stage = props.string("StageName", "$default");
        if (!stage.equals("$default")) {
            throw new TemplateException(props.pathOf("StageName"), "only the $default stage is emulated locally");
        }
        PropertyReader auth = props.map("Auth");
        auth.requireKnownKeys(Set.of("Authorizers", "DefaultAuthorizer", "EnableIamAuthorizer"), Set.of());
        if (auth.bool("EnableIamAuthorizer", false)) {
            throw new TemplateException(auth.pathOf("EnableIamAuthorizer"), "IAM authorization is not emulated locally");
        }
        Map<String, AuthorizerDefinition> authorizers = new LinkedHashMap<>();
        PropertyReader authorizerSection = auth.map("Authorizers");
        for (String name : authorizerSection.values().keySet()) {
            authorizers.put(name, authorizer(name, authorizerSection.map(name)));
        }
        String defaultAuthorizer = auth.optionalString("DefaultAuthorizer");
        if (defaultAuthorizer != null && !authorizers.containsKey(defaultAuthorizer)) {
            throw new TemplateException(auth.pathOf("DefaultAuthorizer"), "no authorizer named " + defaultAuthorizer);
        }
        return new HttpApiDefinition(input.logicalId(), names.apiId(input.logicalId()), implicit, cors(props),
                authorizers, defaultAuthorizer, props.stringMap("StageVariables"));
    }

    private static CorsConfiguration cors(PropertyReader props) {
        Object value = props.raw("CorsConfiguration");
        if (value == null || Boolean.FALSE.equals(value) || "false".equals(value)) {
            return null;
        }
        if (Boolean.TRUE.equals(value) || "true".equals(value)) {
            return CorsConfiguration.allowAll();
        }
        PropertyReader cors = props.map("CorsConfiguration");
        cors.requireKnownKeys(Set.of("AllowOrigins", "AllowMethods", "AllowHeaders", "ExposeHeaders", "MaxAge",
                "AllowCredentials"), Set.of());
        List<String> origins = cors.stringList("AllowOrigins");
        boolean credentials = cors.bool("AllowCredentials", false);
        if (credentials && origins.contains("*")) {
            throw new TemplateException(cors.pathOf("AllowCredentials"),
                    "API Gateway rejects AllowCredentials with AllowOrigins '*'");
        }
        return new CorsConfiguration(origins, cors.stringList("AllowMethods"), cors.stringList("AllowHeaders"),
                cors.stringList("ExposeHeaders"), cors.optionalInteger("MaxAge"), credentials);
    }

    private static AuthorizerDefinition authorizer(String name, PropertyReader props) {
        props.requireKnownKeys(Set.of("FunctionArn", "AuthorizerPayloadFormatVersion", "EnableSimpleResponses",
                "Identity"), Set.of("FunctionInvokeRole", "EnableFunctionDefaultPermissions"));
        String version = props.string("AuthorizerPayloadFormatVersion");
        if (!version.equals("2.0")) {
            throw new TemplateException(props.pathOf("AuthorizerPayloadFormatVersion"),
                    "only Lambda authorizers with payload format 2.0 are emulated locally");
        }
        if (!props.bool("EnableSimpleResponses", false)) {
            throw new TemplateException(props.pathOf("EnableSimpleResponses"),
                    "only simple authorizer responses ({isAuthorized, context}) are emulated locally; set it to true");
        }
        PropertyReader identity = props.map("Identity");
        identity.requireKnownKeys(Set.of("Headers", "QueryStrings", "ReauthorizeEvery"), Set.of());
        return new AuthorizerDefinition(name, props.string("FunctionArn"), version, true,
                identity.stringList("Headers"), identity.stringList("QueryStrings"),
                identity.integer("ReauthorizeEvery", 0));
    }
}
