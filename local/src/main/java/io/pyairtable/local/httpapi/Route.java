package io.pyairtable.local.httpapi;

import io.pyairtable.local.template.FunctionDefinition;
import io.pyairtable.local.template.HttpApiEventSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One route of the API: a method ({@code ANY} matches all) and a path template of literal segments, {@code {name}}
 * segments (exactly one segment) and a final {@code {name+}} (one or more segments, greedy); or the
 * {@code $default} route, which catches what no other route matches.
 */
final class Route {
    private final HttpApiEventSource event;
    private final FunctionDefinition function;
    private final List<Segment> segments = new ArrayList<>();

    Route(HttpApiEventSource event, FunctionDefinition function) {
        this.event = event;
        this.function = function;
        if (!event.isDefaultRoute()) {
            String[] parts = event.path().equals("/") ? new String[0] : event.path().substring(1).split("/", -1);
            for (int i = 0; i < parts.length; i++) {
                Segment segment = Segment.parse(parts[i]);
                if (segment.kind == Kind.GREEDY && i != parts.length - 1) {
                    throw new IllegalArgumentException("greedy path variable must be last: " + event.path());
                }
                segments.add(segment);
            }
        }
    }

    HttpApiEventSource event() {
        return event;
    }

    FunctionDefinition function() {
        return function;
    }

    String routeKey() {
        return event.routeKey();
    }

    boolean isDefault() {
        return event.isDefaultRoute();
    }

    boolean isAnyMethod() {
        return "ANY".equals(event.method());
    }

    boolean acceptsMethod(String method) {
        return isDefault() || isAnyMethod() || event.method().equals(method);
    }

    /** Path parameters when {@code pathSegments} (decoded) match this route's path, else null. */
    Map<String, String> match(List<String> pathSegments) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (isDefault()) {
            return parameters;
        }
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment.kind == Kind.GREEDY) {
                if (i >= pathSegments.size()) {
                    return null;
                }
                parameters.put(segment.text, String.join("/", pathSegments.subList(i, pathSegments.size())));
                return parameters;
            }
            if (i >= pathSegments.size()) {
                return null;
            }
            String value = pathSegments.get(i);
            if (segment.kind == Kind.LITERAL ? !segment.text.equals(value) : value.isEmpty()) {
                return null;
            }
            if (segment.kind == Kind.VARIABLE) {
                parameters.put(segment.text, value);
            }
        }
        return segments.size() == pathSegments.size() ? parameters : null;
    }

    /**
     * Orders matching routes by specificity, most specific first: segment by segment a literal beats a variable,
     * which beats a greedy variable; then a longer template; then an exact method beats {@code ANY}.
     */
    int compareSpecificity(Route other) {
        for (int i = 0; i < Math.min(segments.size(), other.segments.size()); i++) {
            int difference = segments.get(i).kind.ordinal() - other.segments.get(i).kind.ordinal();
            if (difference != 0) {
                return difference;
            }
        }
        if (segments.size() != other.segments.size()) {
            return other.segments.size() - segments.size();
        }
        return Boolean.compare(isAnyMethod(), other.isAnyMethod());
    }

    /** Declared most specific first so that {@code ordinal()} sorts. */
    private enum Kind {
        LITERAL, VARIABLE, GREEDY
    }

    private record Segment(Kind kind, String text) {
        static Segment parse(String part) {
            if (part.startsWith("{") && part.endsWith("+}")) {
                return new Segment(Kind.GREEDY, part.substring(1, part.length() - 2));
            }
            if (part.startsWith("{") && part.endsWith("}")) {
                return new Segment(Kind.VARIABLE, part.substring(1, part.length() - 1));
            }
            return new Segment(Kind.LITERAL, part);
        }
    }
}
