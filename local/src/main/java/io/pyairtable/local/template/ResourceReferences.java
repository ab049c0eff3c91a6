package io.pyairtable.local.template;

/** What {@code !Ref} and {@code !GetAtt} of a resource's logical id return locally. */
interface ResourceReferences {
    /** Whether {@code logicalId} is a resource of the template (including SAM's implicit ones). */
    boolean exists(String logicalId);

    Object ref(String logicalId, String path);

    /**
     * SAM's {@code !Ref <Function>.Alias}: the alias ARN of a function with {@code AutoPublishAlias}. Locally a function
     * has one unpublished version, so the qualifier is carried along and ignored when the function is invoked.
     */
    Object aliasRef(String functionLogicalId, String path);

    Object getAtt(String logicalId, String attribute, String path);
}
