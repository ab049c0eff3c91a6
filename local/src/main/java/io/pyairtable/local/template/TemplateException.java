package io.pyairtable.local.template;

/**
 * A template the local cloud cannot run: malformed YAML, an unknown resource type, an unsupported property or
 * intrinsic function, a dangling reference. The message always names the property path (for example
 * {@code Resources.AuthFunction.Properties.Environment.Variables.TABLE}) and, when the problem is inside a resource,
 * the resource's logical id ({@link #resource()}).
 */
public final class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String resource;

    public TemplateException(String path, String problem) {
        this(path, problem, null);
    }

    public TemplateException(String path, String problem, Throwable cause) {
        super(describe(path, problem), cause);
        this.path = path;
        this.resource = resourceOf(path);
    }

    /** Where in the template the problem is, as a dotted path; empty for whole-file problems. */
    public String path() {
        return path;
    }

    /** Logical id of the resource at fault, or {@code null} when the problem is outside {@code Resources}. */
    public String resource() {
        return resource;
    }

    private static String describe(String path, String problem) {
        String resource = resourceOf(path);
        if (resource != null) {
            return "resource " + resource + " (" + path + "): " + problem;
        }
        return path == null || path.isEmpty() ? problem : path + ": " + problem;
    }

    private static String resourceOf(String path) {
        if (path == null || !path.startsWith("Resources.")) {
            return null;
        }
        String rest = path.substring("Resources.".length());
        int end = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '.' || c == '[') {
                end = i;
                break;
            }
        }
        return end == 0 ? null : rest.substring(0, end);
    }
}
