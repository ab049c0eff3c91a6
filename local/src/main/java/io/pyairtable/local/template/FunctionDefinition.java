package io.pyairtable.local.template;

import java.util.List;
import java.util.Map;

/**
 * An {@code AWS::Serverless::Function} with {@code Globals.Function} merged in and every intrinsic resolved.
 *
 * @param logicalId resource logical id
 * @param functionName {@code FunctionName} or the generated local name
 * @param functionArn local ARN
 * @param handler class (and method) to run
 * @param runtime for example {@code java21}
 * @param memorySize MB (default 128)
 * @param timeoutSeconds (default 3)
 * @param architectures for example {@code [arm64]}
 * @param environment {@code Environment.Variables}, resolved
 * @param events triggers this local cloud emulates
 * @param policies {@code Policies} as written in the template (unresolved): IAM is not enforced locally
 * @param codeUri {@code CodeUri} or null
 * @param asyncConfig {@code EventInvokeConfig}: retries and destinations of asynchronous invocations
 */
public record FunctionDefinition(String logicalId, String functionName, String functionArn, HandlerReference handler,
        String runtime, int memorySize, int timeoutSeconds, List<String> architectures, Map<String, String> environment,
        List<EventSource> events, Object policies, String codeUri, AsyncInvokeConfig asyncConfig) {
    public FunctionDefinition {
        architectures = List.copyOf(architectures);
        environment = Immutables.map(environment);
        events = List.copyOf(events);
        policies = Immutables.deep(policies);
    }

    public List<HttpApiEventSource> httpApiEvents() {
        return events.stream().filter(HttpApiEventSource.class::isInstance).map(HttpApiEventSource.class::cast).toList();
    }

    public List<S3EventSource> s3Events() {
        return events.stream().filter(S3EventSource.class::isInstance).map(S3EventSource.class::cast).toList();
    }
}
