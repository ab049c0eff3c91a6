package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code Task}: runs its {@link TaskResource} with the effective parameters (Parameters applied to the effective
 * input, or the effective input itself). With {@code TimeoutSeconds} / {@code TimeoutSecondsPath} the call runs on
 * the task pool and fails with {@code States.Timeout} when it takes longer (real time; the call is interrupted). A
 * cancelled execution or branch stops waiting for a call at once and leaves it running (AWS abandons a Lambda
 * invocation the same way: the function runs to its end).
 *
 * <p>History: integrations record TaskScheduled, TaskStarted, TaskSucceeded / TaskFailed / TaskTimedOut; plain
 * Lambda ARNs record the LambdaFunction* events, as AWS does.
 */
final class TaskState extends ErrorHandlingState {
    private final TaskResource resource;
    private final PayloadTemplate parameters;
    private final Integer timeoutSeconds;
    private final JsonPath timeoutSecondsPath;

    TaskState(Common common, ErrorHandling handling, TaskResource resource, PayloadTemplate parameters,
            Integer timeoutSeconds, JsonPath timeoutSecondsPath) {
        super(common, handling);
        this.resource = resource;
        this.parameters = parameters;
        this.timeoutSeconds = timeoutSeconds;
        this.timeoutSecondsPath = timeoutSecondsPath;
    }

    @Override
    String type() {
        return "Task";
    }

    @Override
    JsonNode produceResult(JsonNode effectiveInput, ObjectNode context, BranchRun run) {
        JsonNode effectiveParameters = parameters == null ? effectiveInput
                : parameters.evaluate(run.data(effectiveInput, context));
        Integer timeout = timeout(effectiveInput);
        TaskEvents events = new TaskEvents(resource, run);
        events.scheduled(effectiveParameters, timeout, run.environment().region());
        events.started();
        try {
            JsonNode result = call(effectiveParameters, timeout, run);
            events.succeeded(result);
            return result;
        } catch (StateFailure failure) {
            events.failed(failure);
            throw failure;
        }
    }

    private Integer timeout(JsonNode effectiveInput) {
        if (timeoutSecondsPath == null) {
            return timeoutSeconds;
        }
        JsonNode value = timeoutSecondsPath.find(effectiveInput).orElseThrow(() -> StateFailure.runtime(
                "Invalid path '" + timeoutSecondsPath + "' in TimeoutSecondsPath: no results in " + Json.abbreviate(effectiveInput)));
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() <= 0) {
            throw StateFailure.runtime("TimeoutSecondsPath must resolve to a positive integer, got " + Json.abbreviate(value));
        }
        return value.asInt();
    }

    private JsonNode call(JsonNode effectiveParameters, Integer timeout, BranchRun run) {
        TaskIntegrations integrations = run.environment().integrations();
        run.throwIfCancelled();
        // on the task pool even without a timeout, so that an interrupt (the execution stopped, a sibling Map
        // iteration or Parallel branch failed) stops the wait at once; the call itself runs on, as a Lambda
        // invocation AWS has abandoned does
        Future<JsonNode> future = run.environment().taskPool().submit(() -> integrations.call(resource, effectiveParameters));
        try {
            return timeout == null ? future.get() : future.get(timeout, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new StateFailure(StatesErrors.TIMEOUT, "Task timed out after " + timeout + " seconds");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ExecutionCancelledException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Records the task's history events in AWS's shape for its resource kind. */
    private static final class TaskEvents {
        private final TaskResource resource;
        private final BranchRun run;
        private final boolean lambdaFunction;

        TaskEvents(TaskResource resource, BranchRun run) {
            this.resource = resource;
            this.run = run;
            this.lambdaFunction = resource instanceof TaskResource.LambdaFunction;
        }

        void scheduled(JsonNode parameters, Integer timeout, String region) {
            ObjectNode details = Json.object();
            if (lambdaFunction) {
                details.put("resource", resource.resource());
                details.put("input", Json.write(parameters));
                details.putObject("inputDetails").put("truncated", false);
                if (timeout != null) {
                    details.put("timeoutInSeconds", timeout);
                }
                run.record("LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", details);
                return;
            }
            details.put("resourceType", resource.resourceType());
            details.put("resource", resource.resource());
            details.put("region", region);
            details.put("parameters", Json.write(parameters));
            if (timeout != null) {
                details.put("timeoutInSeconds", timeout);
            }
            run.record("TaskScheduled", "taskScheduledEventDetails", details);
        }

        void started() {
            if (lambdaFunction) {
                run.record("LambdaFunctionStarted", null, null);
            } else {
                run.record("TaskStarted", "taskStartedEventDetails", resourceDetails());
            }
        }

        void succeeded(JsonNode result) {
            ObjectNode details = lambdaFunction ? Json.object() : resourceDetails();
            details.put("output", Json.write(result));
            details.putObject("outputDetails").put("truncated", false);
            if (lambdaFunction) {
                run.record("LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails", details);
            } else {
                run.record("TaskSucceeded", "taskSucceededEventDetails", details);
            }
        }

        void failed(StateFailure failure) {
            boolean timedOut = StatesErrors.TIMEOUT.equals(failure.error());
            ObjectNode details = lambdaFunction ? Json.object() : resourceDetails();
            details.put("error", failure.error());
            details.put("cause", failure.cause());
            String kind = timedOut ? "TimedOut" : "Failed";
            if (lambdaFunction) {
                run.record("LambdaFunction" + kind, "lambdaFunction" + kind + "EventDetails", details);
            } else {
                run.record("Task" + kind, "task" + kind + "EventDetails", details);
            }
        }

        private ObjectNode resourceDetails() {
            return Json.object().put("resourceType", resource.resourceType()).put("resource", resource.resource());
        }
    }
}
