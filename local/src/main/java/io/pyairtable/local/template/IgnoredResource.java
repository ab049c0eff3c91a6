package io.pyairtable.local.template;

/** A resource that exists only in AWS (alarm, dashboard, distribution, IAM policy...) and has no local behaviour. */
public record IgnoredResource(String logicalId, String type) {
}
