package io.pyairtable.sandbox;

import java.util.Set;

/** A personal access token: the bases it may use ({@code "*"} = every base) and its scopes. */
record AccessToken(String value, Set<String> baseIds, Set<String> scopes) {

    static final String ALL_BASES = "*";

    AccessToken {
        baseIds = Set.copyOf(baseIds);
        scopes = Set.copyOf(scopes);
    }

    boolean canAccess(String baseId) {
        return baseIds.contains(ALL_BASES) || baseIds.contains(baseId);
    }

    boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
