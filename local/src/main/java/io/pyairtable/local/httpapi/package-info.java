/**
 * HTTP API (API Gateway v2) emulation: routes from the functions' {@code HttpApi} events, payload format 2.0 events,
 * Lambda authorizers with simple responses, CORS, API Gateway's own error responses, and optional static files (the
 * built frontend) for GET requests no route claims. Functions run through a
 * {@link io.pyairtable.local.lambda.FunctionInvoker} (normally the {@link io.pyairtable.local.lambda.LambdaHost}).
 */
package io.pyairtable.local.httpapi;
