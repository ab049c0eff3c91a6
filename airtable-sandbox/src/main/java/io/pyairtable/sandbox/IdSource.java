package io.pyairtable.sandbox;

/**
 * Where new ids come from: random ids for everything created at runtime, stable (hash-derived)
 * ids for the seeded demo base so that its ids never change.
 */
@FunctionalInterface
interface IdSource {

    IdSource RANDOM = (prefix, key) -> Ids.random(prefix);
    IdSource STABLE = Ids::stable;

    /** A new id with the given prefix; {@code key} describes the object and is used by stable sources. */
    String next(String prefix, String key);
}
