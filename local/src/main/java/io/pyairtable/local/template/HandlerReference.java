package io.pyairtable.local.template;

import java.util.Optional;

/**
 * A function's {@code Handler}: {@code com.example.Handler} (a class implementing {@code RequestHandler} or
 * {@code RequestStreamHandler}) or {@code com.example.Handler::method}.
 *
 * @param className fully qualified class name
 * @param methodName the method after {@code ::}, or null when the class implements a Lambda handler interface
 */
public record HandlerReference(String className, String methodName) {
    public HandlerReference {
        if (className == null || className.isBlank()) {
            throw new IllegalArgumentException("handler class name must not be blank");
        }
    }

    static HandlerReference parse(String handler, String path) {
        String text = handler.trim();
        int separator = text.indexOf("::");
        String className = separator < 0 ? text : text.substring(0, separator);
        String method = separator < 0 ? null : text.substring(separator + 2);
        if (!className.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")
                || (method != null && !method.matches("[A-Za-z_$][\\w$]*"))) {
            throw new TemplateException(path, "Handler must be package.Class or package.Class::method, got " + handler);
        }
        return new HandlerReference(className, method);
    }

    public Optional<String> method() {
        return Optional.ofNullable(methodName);
    }

    @Override
    public String toString() {
        return methodName == null ? className : className + "::" + methodName;
    }
}
