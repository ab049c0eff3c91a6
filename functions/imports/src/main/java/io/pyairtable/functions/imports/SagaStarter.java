package io.pyairtable.functions.imports;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/** Starts the ImportSaga for a staged job; the execution name is the job id, so a repeated start is harmless. */
final class SagaStarter {
    private final SfnClient stepFunctions;
    private final String sagaArn;

    SagaStarter(SfnClient stepFunctions, String sagaArn) {
        this.stepFunctions = stepFunctions;
        this.sagaArn = sagaArn;
    }

    void start(String jobId) {
        try {
            stepFunctions.startExecution(b -> b.stateMachineArn(sagaArn).name(jobId)
                    .input("{\"jobId\":\"" + jobId + "\"}"));
        } catch (ExecutionAlreadyExistsException started) {
            // the same job started twice (a duplicated S3 event): one execution is right
        }
    }
}
