package io.pyairtable.sandbox;

import java.util.List;

/**
 * A grid view: an optional filter formula and sort applied before a request's own. The default
 * "Grid view" of every table has neither and lists records in creation order.
 */
record View(String id, String name, String filterFormula, List<SortSpec> sort) {

    View {
        sort = List.copyOf(sort);
    }

    static View defaultGrid(String id) {
        return new View(id, "Grid view", null, List.of());
    }
}
