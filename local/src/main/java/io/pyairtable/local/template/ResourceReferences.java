package io.pyairtable.local.template;

/** What {@code !Ref} and {@code !GetAtt} of a resource's logical id return locally. */
interface ResourceReferences {
    /** Whether {@code logicalId} is a resource of the template (including SAM's implicit ones). */
    boolean exists(String logicalId);

    Object ref(String logicalId, String path);

    Object getAtt(String logicalId, String attribute, String path);
}
