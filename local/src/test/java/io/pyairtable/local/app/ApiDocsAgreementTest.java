package io.pyairtable.local.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.pyairtable.local.template.HttpApiEventSource;
import io.pyairtable.local.template.LocalTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/api.md lists exactly the routes of template.yaml, with their function and whether they need a token. */
class ApiDocsAgreementTest {
    private static final Pattern ROW = Pattern.compile("^\\| (GET|POST|PUT|PATCH|DELETE) \\| `([^`]+)` \\| (\\w+) \\| (none|token) \\|",
            Pattern.MULTILINE);

    @Test
    void apiDocsAndTemplateRoutesAgree() throws Exception {
        LocalTemplate template = LocalTemplate.load(Path.of("../template.yaml"));
        Set<String> declared = new TreeSet<>();
        template.functions().values().forEach(function -> {
            for (HttpApiEventSource event : function.httpApiEvents()) {
                boolean open = HttpApiEventSource.NO_AUTHORIZER.equals(event.authorizer());
                declared.add(event.method() + " " + event.path() + " " + function.logicalId() + " "
                        + (open ? "none" : "token"));
            }
        });
        Set<String> documented = new TreeSet<>();
        Matcher row = ROW.matcher(Files.readString(Path.of("../docs/api.md")));
        while (row.find()) {
            documented.add(row.group(1) + " " + row.group(2) + " " + row.group(3) + " " + row.group(4));
        }
        assertThat(documented).isEqualTo(declared).contains("GET /health HealthFunction none",
                "GET /auth/me AuthFunction token", "POST /auth/login AuthFunction none");
    }
}
