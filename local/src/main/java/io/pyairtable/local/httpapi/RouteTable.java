package io.pyairtable.local.httpapi;

import io.pyairtable.local.template.FunctionDefinition;
import io.pyairtable.local.template.HttpApiEventSource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of one HTTP API and API Gateway's selection rule: the most specific matching route (see
 * {@link Route#compareSpecificity}), else the {@code $default} route, else none.
 */
final class RouteTable {
    private final List<Route> routes = new ArrayList<>();
    private Route defaultRoute;

    RouteTable(String apiLogicalId, Collection<FunctionDefinition> functions) {
        for (FunctionDefinition function : functions) {
            for (HttpApiEventSource event : function.httpApiEvents()) {
                if (!event.apiLogicalId().equals(apiLogicalId)) {
                    continue;
                }
                Route route = new Route(event, function);
                if (route.isDefault()) {
                    defaultRoute = route;
                } else {
                    routes.add(route);
                }
            }
        }
    }

    int size() {
        return routes.size() + (defaultRoute == null ? 0 : 1);
    }

    Optional<RouteMatch> match(String method, String rawPath) {
        List<String> segments = segments(rawPath);
        Route best = null;
        Map<String, String> bestParameters = null;
        for (Route route : routes) {
            if (!route.acceptsMethod(method)) {
                continue;
            }
            Map<String, String> parameters = route.match(segments);
            if (parameters != null && (best == null || route.compareSpecificity(best) < 0)) {
                best = route;
                bestParameters = parameters;
            }
        }
        if (best != null) {
            return Optional.of(new RouteMatch(best, bestParameters));
        }
        return defaultRoute == null ? Optional.empty() : Optional.of(new RouteMatch(defaultRoute, Map.of()));
    }

    /** Whether some route (any method) claims this path: then an unmatched method is not a static file. */
    boolean claimsPath(String rawPath) {
        List<String> segments = segments(rawPath);
        return routes.stream().anyMatch(route -> route.match(segments) != null);
    }

    /** Decoded path segments; {@code /} has none. */
    static List<String> segments(String rawPath) {
        List<String> result = new ArrayList<>();
        if (rawPath.isEmpty() || rawPath.equals("/")) {
            return result;
        }
        for (String part : rawPath.substring(rawPath.startsWith("/") ? 1 : 0).split("/", -1)) {
            result.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return result;
    }

    /** A selected route and the path parameters it captured. */
    record RouteMatch(Route route, Map<String, String> pathParameters) {
    }
}
