package io.pyairtable.sandbox;

import java.util.Set;

/** The personal access token scopes the sandbox checks. */
final class Scopes {

    static final String RECORDS_READ = "data.records:read";
    static final String RECORDS_WRITE = "data.records:write";
    static final String SCHEMA_READ = "schema.bases:read";
    static final String SCHEMA_WRITE = "schema.bases:write";
    static final Set<String> ALL = Set.of(RECORDS_READ, RECORDS_WRITE, SCHEMA_READ, SCHEMA_WRITE);

    private Scopes() {
    }
}
