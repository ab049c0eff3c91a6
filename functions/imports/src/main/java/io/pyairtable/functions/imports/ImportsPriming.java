package io.pyairtable.functions.imports;

import static io.pyairtable.functions.core.snapstart.PrimingEvents.anonymous;
import static io.pyairtable.functions.core.snapstart.PrimingEvents.authorized;
import static io.pyairtable.functions.core.snapstart.PrimingEvents.expect;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import io.pyairtable.functions.core.snapstart.OfflineSdk;
import io.pyairtable.functions.core.snapstart.Priming;
import io.pyairtable.functions.imports.parse.FileFormat;
import io.pyairtable.functions.imports.parse.ReadOptions;
import io.pyairtable.functions.imports.parse.RowReader;
import io.pyairtable.functions.imports.parse.RowReaders;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * SnapStart priming of the import functions ({@link Priming}): requests and events rejected or ignored before any AWS
 * or Airtable call, small CSV and JSON files parsed in memory, and the AWS SDK offline (DynamoDB, Secrets Manager,
 * S3, Step Functions, an S3 presigned PUT with placeholder credentials).
 */
final class ImportsPriming {
    private static final String BASE = "appPRIMINGPRIMING";

    private ImportsPriming() {
    }

    static List<Priming.Step> imports(ImportsHandler handler, Map<String, String> env) {
        List<Priming.Step> steps = shared(env);
        steps.add(Priming.step("GET /imports without a caller", () -> expect(401, handler.handleRequest(
                anonymous("GET /imports", "/imports", null, null), null))));
        steps.add(Priming.step("POST /imports without a base", () -> expect(400, handler.handleRequest(
                authorized("POST /imports", "/imports", "{}", null), null))));
        steps.add(Priming.step("POST /imports of an unsupported file type", () -> expect(415, handler.handleRequest(
                authorized("POST /imports", "/imports", "{\"baseId\":\"" + BASE + "\",\"table\":\"Tasks\","
                        + "\"fileName\":\"priming.exe\",\"mode\":\"upsert\",\"mergeOn\":[\"Name\"],"
                        + "\"mapping\":{\"name\":\"Name\"},\"typecast\":true}", null), null))));
        // a malformed id answers 404 like an unknown one, before any lookup
        steps.add(Priming.step("GET /imports/{importId} with a malformed id", () -> expect(404, handler.handleRequest(
                authorized("GET /imports/{importId}", "/imports/priming", null, Map.of("importId", "priming")),
                null))));
        steps.add(Priming.step("POST /changesets without a base", () -> expect(400, handler.handleRequest(
                authorized("POST /changesets", "/changesets", "{\"operations\":[]}", null), null))));
        steps.add(Priming.step("unknown route", () -> expect(404, handler.handleRequest(
                authorized("GET /priming", "/priming", null, null), null))));
        return steps;
    }

    static List<Priming.Step> trigger(ImportTriggerHandler handler, Map<String, String> env) {
        List<Priming.Step> steps = shared(env);
        steps.add(Priming.step("S3 events outside uploads/ and drop/, and with a malformed job id", () -> {
            String handled = handler.handleRequest(s3Event("priming/readme.txt", "uploads/priming/not-a-job/a.csv",
                    "drop/priming/Tasks/a.csv"), null);
            if (!handled.startsWith("0 ")) {
                throw new IllegalStateException("expected every record ignored, got " + handled);
            }
        }));
        steps.add(parse());
        return steps;
    }

    static List<Priming.Step> saga(SagaHandler handler, Map<String, String> env) {
        List<Priming.Step> steps = shared(env);
        steps.add(Priming.step("unknown action", () -> {
            try {
                handler.handleRequest(Map.of("action", "priming", "jobId", "priming"), null);
                throw new IllegalStateException("an unknown action was accepted");
            } catch (ChangeRejectedException expected) {
                // the step's rejection, as Step Functions would receive it
            }
        }));
        steps.add(parse());
        return steps;
    }

    private static List<Priming.Step> shared(Map<String, String> env) {
        List<Priming.Step> steps = new ArrayList<>(OfflineSdk.common(env));
        steps.add(Priming.step("S3 and Step Functions (offline)", () -> {
            try (S3Client s3 = OfflineSdk.client(S3Client.builder(), env, OfflineSdk.OfflineHttpClient.empty());
                    SfnClient sfn = OfflineSdk.client(SfnClient.builder(), env,
                            new OfflineSdk.OfflineHttpClient("application/x-amz-json-1.0", "{}"));
                    S3Presigner presigner = S3Presigner.builder().region(OfflineSdk.region(env))
                            .credentialsProvider(OfflineSdk.placeholderCredentials()).build()) {
                s3.putObject(b -> b.bucket("priming").key("chunks/priming/0.json").contentType("application/json"),
                        RequestBody.fromString("[]"));
                s3.getObjectAsBytes(b -> b.bucket("priming").key("chunks/priming/0.json"));
                sfn.startExecution(b -> b.stateMachineArn("arn:aws:states:" + OfflineSdk.region(env).id()
                        + ":000000000000:stateMachine:priming").name("priming").input("{}"));
                presigner.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(15))
                        .putObjectRequest(p -> p.bucket("priming").key("uploads/priming/a.csv").contentType("text/csv")));
            }
        }));
        return steps;
    }

    /** Small CSV and JSON Lines files read to the end, as an import's validation reads an upload. */
    private static Priming.Step parse() {
        return Priming.step("parse CSV and JSON Lines in memory", () -> {
            read("Name,Count,Done,When\r\n\"a, b\",1,true,2024-01-02\r\nc,2.5,false,2024-01-03T04:05:06Z\r\n",
                    FileFormat.CSV);
            read("{\"Name\":\"a\",\"Count\":1}\n{\"Name\":\"b\",\"Count\":2.5,\"Done\":true}\n", FileFormat.JSONL);
        });
    }

    private static void read(String content, FileFormat format) throws Exception {
        try (RowReader reader = RowReaders.open(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                format, ReadOptions.defaults())) {
            reader.columns();
            int rows = 0;
            while (reader.next() != null) {
                rows++;
            }
            if (rows != 2) {
                throw new IllegalStateException("expected 2 rows in the " + format + " sample, read " + rows);
            }
        }
    }

    private static S3Event s3Event(String... keys) {
        List<S3EventNotification.S3EventNotificationRecord> records = new ArrayList<>();
        for (String key : keys) {
            S3EventNotification.S3BucketEntity bucket = new S3EventNotification.S3BucketEntity("priming",
                    new S3EventNotification.UserIdentityEntity("priming"), "arn:aws:s3:::priming");
            S3EventNotification.S3ObjectEntity object = new S3EventNotification.S3ObjectEntity(key, 10L, "etag",
                    null, "0001");
            S3EventNotification.S3Entity s3 = new S3EventNotification.S3Entity("priming", bucket, object, "1.0");
            records.add(new S3EventNotification.S3EventNotificationRecord("us-east-1", "ObjectCreated:Put", "aws:s3",
                    "2024-01-01T00:00:00.000Z", "2.1", new S3EventNotification.RequestParametersEntity("192.0.2.1"),
                    new S3EventNotification.ResponseElementsEntity("priming", "priming"), s3,
                    new S3EventNotification.UserIdentityEntity("priming")));
        }
        return new S3Event(records);
    }
}
