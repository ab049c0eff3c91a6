package io.pyairtable.functions.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A job as the API shows it (docs/api.md): step events folded into one entry per step. */
final class JobView {
    private JobView() {
    }

    static Map<String, Object> summary(Job job) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(Job.CHANGESET.equals(job.kind()) ? "changeSetId" : "importId", job.id());
        out.put("kind", job.kind());
        out.put("status", job.status().name());
        out.put("baseId", job.baseId());
        out.put("table", job.table());
        out.put("fileName", job.fileName());
        out.put("mode", job.mode());
        out.put("createdAt", job.createdAt());
        out.put("updatedAt", job.updatedAt());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("rows", job.counts().rows());
        counts.put("valid", job.counts().valid());
        counts.put("invalid", job.counts().invalid());
        counts.put("applied", job.counts().applied());
        counts.put("compensated", job.counts().compensated());
        out.put("counts", counts);
        return out;
    }

    static Map<String, Object> full(Job job) {
        Map<String, Object> out = summary(job);
        out.put("mergeOn", job.mergeOn());
        out.put("typecast", job.typecast());
        out.put("onInvalidRows", job.onInvalidRows());
        out.put("cancelRequested", job.cancelRequested());
        out.put("rowErrors", job.rowErrors());
        out.put("rowErrorsTruncated", job.rowErrorsTruncated());
        out.put("steps", steps(job.stepEvents()));
        if (job.errorCode() != null) {
            out.put("error", Map.of("code", job.errorCode(), "message", job.errorMessage()));
        }
        return out;
    }

    /** {name, status, startedAt, endedAt, detail} per step name, in first-seen order. */
    static List<Map<String, Object>> steps(List<Map<String, Object>> events) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Map<String, Object> event : events) {
            Map<String, Object> step = byName.computeIfAbsent(String.valueOf(event.get("name")), name -> {
                Map<String, Object> fresh = new LinkedHashMap<>();
                fresh.put("name", name);
                fresh.put("status", null);
                fresh.put("startedAt", null);
                fresh.put("endedAt", null);
                fresh.put("detail", null);
                return fresh;
            });
            String status = String.valueOf(event.get("status"));
            step.put("status", status);
            if ("STARTED".equals(status)) {
                step.put("startedAt", event.get("at"));
            } else {
                step.put("endedAt", event.get("at"));
                if (step.get("startedAt") == null) {
                    step.put("startedAt", event.get("at"));
                }
            }
            if (event.get("detail") != null) {
                step.put("detail", event.get("detail"));
            }
        }
        return new ArrayList<>(byName.values());
    }
}
