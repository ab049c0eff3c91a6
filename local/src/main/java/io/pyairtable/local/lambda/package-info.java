/**
 * The local Lambda host: runs the template's Java functions in this JVM the way the Lambda Java runtime does.
 *
 * <h2>Environment contract for handlers</h2>
 * {@code System.getenv()} is one per JVM and cannot differ per function, so the host hands each function its own
 * environment through the handler's constructor:
 * <ul>
 *   <li>A handler class has a public no-argument constructor. In AWS the runtime uses it and the handler reads
 *       {@code System.getenv()}.</li>
 *   <li>A handler class may <em>also</em> have a public constructor taking {@code java.util.Map<String, String>}: the
 *       environment. The local host always prefers it and passes the function's environment: the template's
 *       {@code Environment.Variables} (Globals merged), the variables Lambda itself sets ({@code AWS_REGION},
 *       {@code AWS_LAMBDA_FUNCTION_NAME}, {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}, {@code _HANDLER}, ...), then the
 *       host's overrides (endpoints, credentials, like {@code sam local --env-vars}). See {@link
 *       io.pyairtable.local.lambda.FunctionEnvironment}.</li>
 * </ul>
 * The usual shape is {@code public Handler() { this(System.getenv()); }} plus {@code public Handler(Map<String,
 * String> env) { config = Config.from(env); ... }}: the same code path in AWS, tests and the local cloud, and
 * functions never depend on this module. Configuration belongs in instance fields: static initialisers run once per
 * JVM, not once per function container.
 *
 * <h2>Execution model</h2>
 * Each function keeps a pool of handler instances: one instance serves one invocation at a time (like a warm Lambda
 * execution environment) and concurrent invocations get further instances (like AWS scaling out to more
 * environments), so handlers need not be thread-safe. An instance is created on first need (a cold start) and
 * reused afterwards; an instance whose invocation timed out is discarded, as Lambda resets the environment. Each
 * invocation runs on a worker thread with the function's class loader as context class loader; past the function's
 * {@code Timeout} the caller gets Lambda's {@code Sandbox.Timedout} error and the worker is interrupted. A caller
 * that would wait longer than the function's timeout anyway (the HTTP API for its integrations and authorizers,
 * {@link io.pyairtable.local.lambda.LambdaHost#invoke(String, byte[], long)}) runs the invocation on its own thread
 * instead, with the same timeout rule: two thread hand-offs less per invocation.
 *
 * <h2>Serialization</h2>
 * Events are converted to the handler's input type as the Lambda Java runtime does (Jackson configured like its
 * serializer, with the special cases for {@code S3Event}, {@code ScheduledEvent} and Joda {@code DateTime});
 * {@code RequestStreamHandler}s get the raw bytes. Errors come back in Lambda's shape:
 * {@code {"errorMessage", "errorType", "stackTrace": [...], "cause": {...}}}.
 *
 * <h2>Asynchronous invocations and the Invoke API</h2>
 * {@link io.pyairtable.local.lambda.AsyncInvocations} is Lambda's asynchronous invocation (what S3 notifications and
 * Invoke with {@code InvocationType: Event} use): a function's {@code EventInvokeConfig} retries (one and two
 * minutes apart, scaled by the local cloud's time scale), event age limit, and SQS destinations receiving AWS's
 * invocation records. {@link io.pyairtable.local.lambda.LambdaApiServer} serves Lambda's REST {@code Invoke} on the
 * local AWS endpoint. See docs/local-cloud.md and docs/recovery.md.
 */
package io.pyairtable.local.lambda;
