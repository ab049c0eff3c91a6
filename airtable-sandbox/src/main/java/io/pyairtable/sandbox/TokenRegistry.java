package io.pyairtable.sandbox;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The tokens the sandbox accepts: the fixed demo token plus tokens created by tests. */
final class TokenRegistry {

    /** Obviously fake, fixed so that documentation and local configs can use it. */
    static final String DEMO_TOKEN = "patSandboxDemo001.local-airtable-sandbox-demo-token-not-a-real-secret";

    private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();

    TokenRegistry() {
        register(new AccessToken(DEMO_TOKEN, Set.of(AccessToken.ALL_BASES), Scopes.ALL));
    }

    AccessToken create(Set<String> baseIds, Set<String> scopes) {
        AccessToken token = new AccessToken(Ids.random("pat") + "." + Ids.randomHex(64), baseIds, scopes);
        register(token);
        return token;
    }

    private void register(AccessToken token) {
        tokens.put(token.value(), token);
    }

    /** The token of an {@code Authorization: Bearer ...} header value, if it is known. */
    Optional<AccessToken> fromAuthorizationHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String trimmed = header.trim();
        if (trimmed.length() < 7 || !trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.ofNullable(tokens.get(trimmed.substring(7).trim()));
    }
}
