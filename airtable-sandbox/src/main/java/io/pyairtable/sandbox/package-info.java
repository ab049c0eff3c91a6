/**
 * An HTTP server that speaks the Airtable Web API (v0) closely enough that an Airtable client
 * cannot tell the difference: start it with {@link io.pyairtable.sandbox.AirtableSandbox#builder()}
 * or from the command line with {@link io.pyairtable.sandbox.SandboxMain}.
 *
 * <h2>What is modelled</h2>
 * <ul>
 *   <li>Personal access tokens ({@code Authorization: Bearer}) with per-base access and the scopes
 *       {@code data.records:read|write} and {@code schema.bases:read|write}: 401
 *       {@code AUTHENTICATION_REQUIRED}, 403 {@code INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND}.</li>
 *   <li>Records: list (GET with query parameters and {@code POST .../listRecords}) with
 *       {@code pageSize}, {@code maxRecords}, {@code offset} (server-side snapshots that expire),
 *       {@code view}, {@code fields[]}, {@code sort}, {@code filterByFormula}, {@code cellFormat},
 *       {@code timeZone}, {@code userLocale}, {@code returnFieldsByFieldId},
 *       {@code recordMetadata[]=commentCount}; get; create, update (PATCH merges, PUT replaces),
 *       upsert ({@code performUpsert}) and delete, at most 10 records per request and
 *       all-or-nothing. Tables and fields are addressed by id or name.</li>
 *   <li>Field types with validation and {@code typecast}; computed types are read-only; empty
 *       cells are never returned; links keep their inverse link field in sync.</li>
 *   <li>Metadata: whoami, bases, table schemas, creating tables and fields, renaming tables and
 *       fields.</li>
 *   <li>{@code uploadAttachment} (Airtable's content API, on the same server); uploaded files are
 *       served at their attachment URL ({@code /attachments/{id}/{filename}}, no auth).</li>
 *   <li>Rate limits: N requests per base and per token in any sliding second, then a penalty
 *       during which every request is answered 429 {@code RATE_LIMIT_REACHED}.</li>
 *   <li>Optional JSON data file, including uploaded attachment bytes, rewritten atomically after
 *       every write.</li>
 *   <li>Fault injection (not an Airtable feature): {@link io.pyairtable.sandbox.AirtableSandbox#faults()}
 *       makes chosen requests fail with 500/502/429, wait, lose their response or their connection,
 *       before or after being applied ({@link io.pyairtable.sandbox.Fault.Kind}); optionally
 *       controlled over HTTP at {@code /_sandbox/faults} (see
 *       {@link io.pyairtable.sandbox.AirtableSandbox.Builder#adminEndpoints(boolean)}).</li>
 * </ul>
 *
 * <h2>Choices where Airtable is not specific</h2>
 * <ul>
 *   <li>An unknown record id in a batch (update, delete) → 422 {@code ROW_DOES_NOT_EXIST}; in the
 *       URL → 404 {@code {"error":"NOT_FOUND"}}.</li>
 *   <li>A supported path with an unsupported method → 405 {@code METHOD_NOT_ALLOWED}.</li>
 *   <li>An upsert key matching several records → 422 {@code INVALID_RECORDS}.</li>
 *   <li>Files over 5 MB sent to uploadAttachment → 413 {@code ATTACHMENT_TOO_LARGE}.</li>
 *   <li>Empty cells sort first in ascending order; single selects sort by choice order.</li>
 * </ul>
 *
 * <h2>Not modelled</h2>
 * Formula, rollup and lookup values (formula fields are read-only and empty), comments, webhooks,
 * collaborators, base creation through the API, deleting tables or fields, record-level revision
 * history, and fetching attachments given by external URL (their size is reported as 0).
 */
package io.pyairtable.sandbox;
