/**
 * File imports and atomic change sets: {@code ImportsFunction} (the {@code /imports} and {@code /changesets} routes),
 * {@code ImportTriggerFunction} (S3 object-created events for uploads and operator drops) and {@code SagaFunction}
 * (the steps of the {@code ImportSaga} state machine). One module and one jar; three template functions, each with
 * its own IAM policy.
 */
package io.pyairtable.functions.imports;
