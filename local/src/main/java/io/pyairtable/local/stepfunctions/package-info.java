/**
 * A local interpreter of the Amazon States Language (JSONPath query language) and the Step Functions JSON wire API.
 *
 * <ul>
 *   <li>{@link io.pyairtable.local.stepfunctions.StateMachineDefinition#parse(String)} loads and validates a definition;
 *       anything the interpreter cannot run faithfully is a {@link io.pyairtable.local.stepfunctions.DefinitionException}
 *       at load time, never a silently ignored field.</li>
 *   <li>{@link io.pyairtable.local.stepfunctions.StepFunctionsEngine} registers state machines and runs executions on a
 *       bounded executor, recording an AWS-shaped execution history.</li>
 *   <li>{@link io.pyairtable.local.stepfunctions.StepFunctionsService} exposes the engine as the {@code AWSStepFunctions}
 *       JSON protocol for {@link io.pyairtable.local.aws.AwsEndpoint}.</li>
 *   <li>Task resources reach the rest of the local cloud through {@link io.pyairtable.local.stepfunctions.LambdaInvoker}
 *       and a DynamoDB {@link io.pyairtable.local.aws.AwsJsonService}.</li>
 * </ul>
 */
package io.pyairtable.local.stepfunctions;
