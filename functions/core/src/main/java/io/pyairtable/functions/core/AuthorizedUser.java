package io.pyairtable.functions.core;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The caller of a route behind the HTTP API's token authorizer: the {@code sub} the authorizer put in the request
 * context (our user ids are UUIDs). Functions never take a user id from the path, query or body.
 */
public final class AuthorizedUser {
    private static final Pattern USER_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private AuthorizedUser() {
    }

    /** The caller's user id; 401 when the event carries none (the route was reached without the authorizer). */
    public static String of(APIGatewayV2HTTPEvent event) {
        Map<String, Object> lambda = event == null || event.getRequestContext() == null
                || event.getRequestContext().getAuthorizer() == null ? null
                : event.getRequestContext().getAuthorizer().getLambda();
        Object sub = lambda == null ? null : lambda.get("sub");
        if (sub == null || !USER_ID.matcher(String.valueOf(sub)).matches()) {
            throw ApiError.unauthorized("UNAUTHORIZED", "This route needs a valid access token.");
        }
        return String.valueOf(sub);
    }
}
