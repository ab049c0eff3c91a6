package io.pyairtable.local.junit;

import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.LocalCloudOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the local cloud in-process — in memory, on free ports — for integration tests, once per template per test
 * run, and injects it as a {@link LocalCloud} parameter:
 * <pre>{@code
 * @ExtendWith(LocalCloudExtension.class)
 * class AuthApiTest {
 *     @Test void registers(LocalCloud cloud) { ... cloud.apiUrl() ... }
 * }
 * }</pre>
 * The template is the class's {@link LocalCloudTemplate}, else the nearest {@code template.yaml} in the working
 * directory or its parents (the repository's). The cloud stops when the test run ends.
 */
public final class LocalCloudExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalCloudExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalCloud.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Path template = templateOf(context);
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(template.toAbsolutePath().normalize().toString(),
                        key -> new Running(LocalCloud.start(LocalCloudOptions.forTests(template))), Running.class)
                .cloud;
    }

    /** Closes the cloud when JUnit closes the root store (end of the run). */
    private record Running(LocalCloud cloud) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            cloud.close();
        }
    }

    private static Path templateOf(ExtensionContext context) {
        LocalCloudTemplate annotation = context.getRequiredTestClass().getAnnotation(LocalCloudTemplate.class);
        if (annotation != null) {
            return Path.of(annotation.value());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir.resolve("template.yaml");
            }
        }
        throw new ParameterResolutionException("no template.yaml in " + Path.of("").toAbsolutePath()
                + " or its parents; annotate the test class with @LocalCloudTemplate");
    }
}
