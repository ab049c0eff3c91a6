package io.pyairtable.functions.imports;

import io.pyairtable.airtable.RetryPolicy;
import io.pyairtable.airtable.Table;
import io.pyairtable.functions.core.AwsClients;
import io.pyairtable.functions.core.DynamoDbRateLimiter;
import io.pyairtable.functions.core.Env;
import io.pyairtable.functions.core.telemetry.Telemetry;
import io.pyairtable.functions.core.airtable.AirtableClients;
import io.pyairtable.functions.core.airtable.Connections;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * What the three import functions share, built once per container from the function's environment: the config,
 * AWS clients (S3 path-style when an endpoint override is set, as local S3 needs), the jobs table, the ledger, the
 * chunk store, the user's Airtable connection and the Airtable clients on the shared rate budget.
 *
 * <p>The Airtable clients give up after {@link #AIRTABLE_DEADLINE}, so they never wait out Airtable's 30 s 429
 * penalty themselves: the saga's Retry (statemachines/import-saga.asl.json) waits instead, outside any Lambda's
 * timeout. (A penalty configured shorter than the deadline, as tests do with {@code AIRTABLE_PENALTY_SECONDS}, is
 * waited out in-process until the deadline, and only then handed to the saga.)
 */
final class ImportsServices {
    static final Duration AIRTABLE_DEADLINE = Duration.ofSeconds(15);

    final ImportsConfig config;
    final Env env;
    final Clock clock;
    final DynamoDbClient dynamoDb;
    final S3Client s3;
    final JobsTable jobs;
    final Ledger ledger;
    final ChunkStore chunks;
    final Connections connections;
    final AirtableClients airtable;
    private final AwsClients aws;

    ImportsServices(Env env) {
        this(env, new Telemetry(ImportsServices.class, env.asMap()));
    }

    /** @param telemetry the function's: Airtable latency, 429 and penalty metrics */
    ImportsServices(Env env, Telemetry telemetry) {
        this.env = env;
        this.config = ImportsConfig.from(env);
        this.clock = Clock.systemUTC();
        this.aws = new AwsClients(env);
        this.dynamoDb = aws.dynamoDb();
        this.s3 = aws.configure(S3Client.builder().forcePathStyle(env.has("AWS_ENDPOINT_URL")));
        this.jobs = new JobsTable(dynamoDb, config.importsTable(), clock);
        this.ledger = new Ledger(dynamoDb, config.importsTable());
        this.chunks = new ChunkStore(s3, config.bucket());
        RetryPolicy retry = RetryPolicy.defaults().withDeadline(AIRTABLE_DEADLINE)
                .withRateLimitPenalty(config.airtable().penalty());
        this.airtable = new AirtableClients(config.airtable().airtableApiUrl(),
                DynamoDbRateLimiter.airtableDefaults(dynamoDb, config.airtable().rateLimitsTable(),
                        telemetry.penaltyListener()), retry, config.airtable().requestTimeout(),
                telemetry.airtableListener());
        this.connections = new Connections(aws.secretsManager(), config.airtable(),
                token -> airtable.forToken(token).whoami(), clock);
    }

    SfnClient stepFunctions() {
        return aws.configure(SfnClient.builder());
    }

    S3Presigner presigner() {
        S3Presigner.Builder builder = S3Presigner.builder().credentialsProvider(aws.credentials())
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                        .pathStyleAccessEnabled(env.has("AWS_ENDPOINT_URL")).build());
        if (env.has("AWS_ENDPOINT_URL")) {
            builder.endpointOverride(URI.create(env.required("AWS_ENDPOINT_URL")));
        }
        if (env.has("AWS_REGION")) {
            builder.region(software.amazon.awssdk.regions.Region.of(env.required("AWS_REGION")));
        }
        return builder.build();
    }

    /** The job's Airtable table, reached with its owner's connection (the default token for operator drops). */
    Table table(Job job) {
        Connections.Token token = job.usesDefaultToken() ? connections.defaultToken() : connections.tokenFor(job.owner());
        return airtable.forToken(token.value()).base(job.baseId()).table(job.table());
    }
}
