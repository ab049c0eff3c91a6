package io.pyairtable.airtable;

/**
 * Observes the HTTP exchanges an {@link AirtableApi} has with Airtable, for metrics: called once per response
 * received (every attempt, retries and 429s included), on the thread that sent the request, after the response
 * arrived and before it is handled. Never sees a token, URL or body. A listener that throws does not affect the
 * request. Transport failures (no response) are not reported here; they surface as
 * {@link AirtableException.Transport}.
 */
@FunctionalInterface
public interface RequestListener {
    /** Does nothing: the default. */
    RequestListener NONE = (status, nanos) -> {};

    /**
     * @param status the HTTP status Airtable answered (429 when rate limited)
     * @param nanos  time from sending the request to the complete response, rate-limit waits excluded
     */
    void onResponse(int status, long nanos);
}
