package io.pyairtable.functions.imports;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an import or change set is. Imports start at {@link #AWAITING_UPLOAD}; change sets at {@link #QUEUED}.
 * Terminal states never change again.
 */
enum JobStatus {
    AWAITING_UPLOAD, VALIDATING, REJECTED, QUEUED, RUNNING, SUCCEEDED, ROLLING_BACK, ROLLED_BACK, ROLLBACK_FAILED,
    CANCELLED;

    static final Set<JobStatus> TERMINAL = EnumSet.of(REJECTED, SUCCEEDED, ROLLED_BACK, ROLLBACK_FAILED, CANCELLED);

    boolean terminal() {
        return TERMINAL.contains(this);
    }
}
