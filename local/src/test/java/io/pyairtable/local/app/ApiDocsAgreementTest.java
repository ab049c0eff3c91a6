package io.pyairtable.local.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.pyairtable.local.template.HttpApiEventSource;
import io.pyairtable.local.template.LocalTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docs/api.md and docs/openapi.yaml list exactly the routes of template.yaml (method and path), with their function
 * (api.md) and whether they need a token (both); and docs/openapi.yaml is structurally valid OpenAPI 3.1: version,
 * info, every operation has responses with valid status keys, every {@code $ref} resolves inside the file, every path
 * template parameter is declared, operation ids are unique, the bearer scheme exists and {@code security: []} is
 * set on exactly the template's {@code Auth: {Authorizer: NONE}} routes. (scripts/check-openapi lints the file with
 * Redocly CLI on top.)
 */
class ApiDocsAgreementTest {
    private static final Pattern ROW = Pattern.compile("^\\| (GET|POST|PUT|PATCH|DELETE) \\| `([^`]+)` \\| (\\w+) \\| (none|token) \\|",
            Pattern.MULTILINE);
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final Pattern STATUS = Pattern.compile("default|[1-5](\\d\\d|XX)");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}/]+)}");

    private static LocalTemplate template;

    @BeforeAll
    static void loadTemplate() {
        template = LocalTemplate.load(Path.of("../template.yaml"));
    }

    /** "METHOD /path function none|token" for every HttpApi event of template.yaml. */
    private static Set<String> declaredRoutes() {
        Set<String> declared = new TreeSet<>();
        template.functions().values().forEach(function -> {
            for (HttpApiEventSource event : function.httpApiEvents()) {
                boolean open = HttpApiEventSource.NO_AUTHORIZER.equals(event.authorizer());
                declared.add(event.method() + " " + event.path() + " " + function.logicalId() + " "
                        + (open ? "none" : "token"));
            }
        });
        return declared;
    }

    /** "METHOD /path none|token" (no function: OpenAPI does not name it). */
    private static Set<String> declaredRoutesWithoutFunction() {
        Set<String> routes = new TreeSet<>();
        for (String route : declaredRoutes()) {
            String[] part = route.split(" ");
            routes.add(part[0] + " " + part[1] + " " + part[3]);
        }
        return routes;
    }

    @Test
    void apiDocsAndTemplateRoutesAgree() throws Exception {
        Set<String> documented = new TreeSet<>();
        Matcher row = ROW.matcher(Files.readString(Path.of("../docs/api.md")));
        while (row.find()) {
            documented.add(row.group(1) + " " + row.group(2) + " " + row.group(3) + " " + row.group(4));
        }
        assertThat(documented).isEqualTo(declaredRoutes()).contains("GET /health HealthFunction none",
                "GET /auth/me AuthFunction token", "POST /auth/login AuthFunction none");
    }

    @Test
    void openApiAndTemplateRoutesAgree() throws Exception {
        Map<String, Object> openApi = loadOpenApi(Path.of("../docs/openapi.yaml"));
        assertThat(routes(openApi)).isEqualTo(declaredRoutesWithoutFunction())
                .contains("GET /health none", "POST /auth/refresh none", "GET /health/deep token");
    }

    @Test
    void openApiIsStructurallyValid() throws Exception {
        Map<String, Object> openApi = loadOpenApi(Path.of("../docs/openapi.yaml"));
        assertThat(problems(openApi)).isEmpty();
        assertThat(map(openApi.get("paths"))).hasSizeGreaterThan(10);
    }

    /** The checks above can fail: each kind of defect in a copy of the real file is reported. */
    @Test
    void structuralChecksReportDefects() throws Exception {
        Map<String, Object> broken = loadOpenApi(Path.of("../docs/openapi.yaml"));
        broken.put("openapi", "3.0.3");
        Map<String, Object> paths = map(broken.get("paths"));
        map(map(paths.get("/auth/me")).get("get")).remove("responses");
        map(map(paths.get("/auth/logout")).get("post")).put("responses", Map.of("2O4", Map.of("description", "x")));
        map(map(paths.get("/bases")).get("get")).put("security", List.of());
        map(map(paths.get("/bases")).get("get")).put("operationId", "getMe");
        Map<String, Object> deep = map(map(paths.get("/health/deep")).get("get"));
        deep.put("responses", Map.of("200", Map.of("$ref", "#/components/responses/DoesNotExist")));
        paths.put("/imports/{importId}/cancel", Map.of("post", Map.of("operationId", "cancel2",
                "responses", Map.of("202", Map.of("description", "x")))));
        paths.remove("/health");
        paths.put("/extra", Map.of("get", Map.of("operationId", "extra", "responses",
                Map.of("200", Map.of("description", "x")))));

        assertThat(String.join("\n", problems(broken))).contains("openapi must be 3.1.x",
                "GET /auth/me has no responses", "POST /auth/logout: response key 2O4",
                "#/components/responses/DoesNotExist does not resolve", "operationId getMe is used twice",
                "POST /imports/{importId}/cancel: path parameter importId is not declared");
        Set<String> routes = routes(broken);
        assertThat(routes).contains("GET /bases none", "GET /extra token").doesNotContain("GET /health none");
        assertThat(routes).isNotEqualTo(declaredRoutesWithoutFunction());
    }

    static Map<String, Object> loadOpenApi(Path file) throws Exception {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object root = new Yaml(new SafeConstructor(options)).load(Files.readString(file));
        assertThat(root).as(file + " is a YAML mapping").isInstanceOf(Map.class);
        return deepCopy(map(root));
    }

    /** "METHOD /path none|token" of every operation; none = {@code security: []}, token = the bearer scheme. */
    static Set<String> routes(Map<String, Object> openApi) {
        boolean globalBearer = requiresBearer(openApi.get("security"));
        Set<String> routes = new TreeSet<>();
        map(openApi.get("paths")).forEach((path, item) -> map(item).forEach((key, operation) -> {
            if (METHODS.contains(key)) {
                Object security = map(operation).get("security");
                boolean token = security == null ? globalBearer : requiresBearer(security);
                routes.add(key.toUpperCase() + " " + path + " " + (token ? "token" : "none"));
            }
        }));
        return routes;
    }

    private static boolean requiresBearer(Object security) {
        if (!(security instanceof List<?> requirements) || requirements.isEmpty()) {
            return false;
        }
        // each requirement is an alternative: a token is needed only when no alternative is empty ({})
        return requirements.stream().allMatch(r -> r instanceof Map<?, ?> m && m.containsKey("bearerAuth"));
    }

    static List<String> problems(Map<String, Object> openApi) {
        List<String> problems = new ArrayList<>();
        if (!String.valueOf(openApi.get("openapi")).matches("3\\.1\\.\\d+")) {
            problems.add("openapi must be 3.1.x, is " + openApi.get("openapi"));
        }
        Map<String, Object> info = map(openApi.get("info"));
        if (info.get("title") == null || info.get("version") == null) {
            problems.add("info needs title and version");
        }
        Map<String, Object> schemes = map(map(openApi.get("components")).get("securitySchemes"));
        Map<String, Object> bearer = map(schemes.get("bearerAuth"));
        if (!"http".equals(bearer.get("type")) || !"bearer".equals(bearer.get("scheme"))) {
            problems.add("components.securitySchemes.bearerAuth must be {type: http, scheme: bearer}");
        }
        if (!requiresBearer(openApi.get("security"))) {
            problems.add("the top-level security must require bearerAuth (routes opt out with security: [])");
        }
        Map<String, Integer> operationIds = new HashMap<>();
        map(openApi.get("paths")).forEach((path, rawItem) -> {
            Map<String, Object> item = map(rawItem);
            List<Object> pathParameters = list(item.get("parameters"));
            for (String method : METHODS) {
                if (!item.containsKey(method)) {
                    continue;
                }
                String name = method.toUpperCase() + " " + path;
                Map<String, Object> operation = map(item.get(method));
                Object id = operation.get("operationId");
                if (id == null) {
                    problems.add(name + " has no operationId");
                } else if (operationIds.merge(String.valueOf(id), 1, Integer::sum) == 2) {
                    problems.add("operationId " + id + " is used twice");
                }
                Map<String, Object> responses = map(operation.get("responses"));
                if (responses.isEmpty()) {
                    problems.add(name + " has no responses");
                }
                responses.keySet().stream().filter(status -> !STATUS.matcher(status).matches())
                        .forEach(status -> problems.add(name + ": response key " + status + " is not a status code"));
                Object security = operation.get("security");
                if (security != null) {
                    for (Object requirement : list(security)) {
                        map(requirement).keySet().stream().filter(scheme -> !schemes.containsKey(scheme))
                                .forEach(scheme -> problems.add(name + ": unknown security scheme " + scheme));
                    }
                }
                Set<String> declared = new TreeSet<>();
                List<Object> parameters = new ArrayList<>(pathParameters);
                parameters.addAll(list(operation.get("parameters")));
                for (Object parameter : parameters) {
                    Map<String, Object> resolved = map(resolve(openApi, parameter));
                    if ("path".equals(resolved.get("in"))) {
                        declared.add(String.valueOf(resolved.get("name")));
                        if (!Boolean.TRUE.equals(resolved.get("required"))) {
                            problems.add(name + ": path parameter " + resolved.get("name") + " must be required");
                        }
                    }
                }
                Matcher placeholder = PATH_PARAMETER.matcher(path);
                Set<String> inPath = new TreeSet<>();
                while (placeholder.find()) {
                    inPath.add(placeholder.group(1));
                    if (!declared.contains(placeholder.group(1))) {
                        problems.add(name + ": path parameter " + placeholder.group(1) + " is not declared");
                    }
                }
                declared.stream().filter(p -> !inPath.contains(p))
                        .forEach(p -> problems.add(name + ": parameter " + p + " is not in the path"));
            }
        });
        collectRefs(openApi).forEach(ref -> {
            if (!ref.startsWith("#/")) {
                problems.add(ref + " is not a reference inside the file");
            } else if (pointer(openApi, ref) == null) {
                problems.add(ref + " does not resolve");
            }
        });
        return problems;
    }

    private static Object resolve(Map<String, Object> openApi, Object node) {
        Object current = node;
        for (int hops = 0; hops < 10 && current instanceof Map<?, ?> m && m.get("$ref") instanceof String ref; hops++) {
            current = ref.startsWith("#/") ? pointer(openApi, ref) : null;
        }
        return current;
    }

    /** RFC 6901 pointer {@code #/a/b~1c} into the document, or null. */
    private static Object pointer(Map<String, Object> openApi, String ref) {
        Object current = openApi;
        for (String token : ref.substring(2).split("/", -1)) {
            String key = token.replace("~1", "/").replace("~0", "~");
            if (current instanceof Map<?, ?> m && m.containsKey(key)) {
                current = m.get(key);
            } else if (current instanceof List<?> l && key.matches("\\d+") && Integer.parseInt(key) < l.size()) {
                current = l.get(Integer.parseInt(key));
            } else {
                return null;
            }
        }
        return current;
    }

    private static Set<String> collectRefs(Object node) {
        Set<String> refs = new TreeSet<>();
        if (node instanceof Map<?, ?> m) {
            if (m.get("$ref") instanceof String ref) {
                refs.add(ref);
            }
            m.values().forEach(v -> refs.addAll(collectRefs(v)));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> refs.addAll(collectRefs(v)));
        }
        return refs;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> ? (List<Object>) value : List.of();
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return value;
    }
}
