package io.pyairtable.local.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pyairtable.local.aws.AwsEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/** The local Secrets Manager through the real AWS SDK v2 client. */
class SecretsManagerServiceTest {
    private static final String USER_SECRET = "pyairtable/dev/airtable/user-123";

    @TempDir
    Path tempDir;

    private AwsEndpoint endpoint;
    private SecretsManagerClient client;

    @BeforeEach
    void start() {
        startWith(new SecretsManagerService());
    }

    private void startWith(SecretsManagerService service) {
        endpoint = AwsEndpoint.start("127.0.0.1", 0, List.of(service));
        client = SecretsManagerClient.builder()
                .endpointOverride(endpoint.url())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        endpoint.close();
    }

    @Test
    void createsAndReadsAStringSecretByNameAndByArn() {
        CreateSecretResponse created = client.createSecret(b -> b.name(USER_SECRET).secretString("pat-abc").description("PAT"));

        assertThat(created.name()).isEqualTo(USER_SECRET);
        assertThat(created.arn()).matches("arn:aws:secretsmanager:us-east-1:000000000000:secret:"
                + "pyairtable/dev/airtable/user-123-[A-Za-z0-9]{6}");
        assertThat(created.versionId()).isNotBlank();

        GetSecretValueResponse byName = client.getSecretValue(b -> b.secretId(USER_SECRET));
        assertThat(byName.secretString()).isEqualTo("pat-abc");
        assertThat(byName.arn()).isEqualTo(created.arn());
        assertThat(byName.versionId()).isEqualTo(created.versionId());
        assertThat(byName.versionStages()).containsExactly("AWSCURRENT");
        assertThat(byName.createdDate()).isNotNull();

        assertThat(client.getSecretValue(b -> b.secretId(created.arn())).secretString()).isEqualTo("pat-abc");
        String partialArn = created.arn().substring(0, created.arn().length() - 7);
        assertThat(client.getSecretValue(b -> b.secretId(partialArn)).secretString()).isEqualTo("pat-abc");
    }

    @Test
    void clientRequestTokenBecomesTheVersionId() {
        String token = UUID.randomUUID().toString();
        assertThat(client.createSecret(b -> b.name("s").secretString("v").clientRequestToken(token)).versionId()).isEqualTo(token);
    }

    @Test
    void storesBinarySecrets() {
        byte[] bytes = {0, 1, 2, (byte) 0xff, 42};
        client.createSecret(b -> b.name("bin").secretBinary(SdkBytes.fromByteArray(bytes)));

        GetSecretValueResponse value = client.getSecretValue(b -> b.secretId("bin"));
        assertThat(value.secretBinary().asByteArray()).containsExactly(bytes);
        assertThat(value.secretString()).isNull();
    }

    @Test
    void putSecretValueRotatesStages() {
        String v1 = client.createSecret(b -> b.name("key").secretString("one")).versionId();
        PutSecretValueResponse put2 = client.putSecretValue(b -> b.secretId("key").secretString("two"));
        assertThat(put2.versionStages()).containsExactly("AWSCURRENT");

        assertThat(client.getSecretValue(b -> b.secretId("key")).secretString()).isEqualTo("two");
        GetSecretValueResponse previous = client.getSecretValue(b -> b.secretId("key").versionStage("AWSPREVIOUS"));
        assertThat(previous.secretString()).isEqualTo("one");
        assertThat(previous.versionId()).isEqualTo(v1);
        assertThat(client.getSecretValue(b -> b.secretId("key").versionId(v1)).secretString()).isEqualTo("one");

        client.putSecretValue(b -> b.secretId("key").secretString("three"));
        assertThat(client.getSecretValue(b -> b.secretId("key").versionStage("AWSPREVIOUS")).secretString()).isEqualTo("two");
        DescribeSecretResponse described = client.describeSecret(b -> b.secretId("key"));
        assertThat(described.versionIdsToStages()).hasSize(2).doesNotContainKey(v1);
        assertThatThrownBy(() -> client.getSecretValue(b -> b.secretId("key").versionId(v1)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void putSecretValueIsIdempotentPerToken() {
        client.createSecret(b -> b.name("key").secretString("one"));
        String token = UUID.randomUUID().toString();
        String first = client.putSecretValue(b -> b.secretId("key").secretString("two").clientRequestToken(token)).versionId();
        String again = client.putSecretValue(b -> b.secretId("key").secretString("two").clientRequestToken(token)).versionId();

        assertThat(again).isEqualTo(first);
        assertThat(client.getSecretValue(b -> b.secretId("key").versionStage("AWSPREVIOUS")).secretString()).isEqualTo("one");
        assertThatThrownBy(() -> client.putSecretValue(b -> b.secretId("key").secretString("other").clientRequestToken(token)))
                .isInstanceOf(ResourceExistsException.class);
    }

    @Test
    void updateSecretChangesDescriptionAndValue() {
        client.createSecret(b -> b.name("key").secretString("one").description("old"));
        client.updateSecret(b -> b.secretId("key").description("new").secretString("two"));

        assertThat(client.describeSecret(b -> b.secretId("key")).description()).isEqualTo("new");
        assertThat(client.getSecretValue(b -> b.secretId("key")).secretString()).isEqualTo("two");
    }

    @Test
    void describeSecretShowsMetadataWithoutTheValue() {
        CreateSecretResponse created = client.createSecret(b -> b.name(USER_SECRET).secretString("pat").description("d")
                .tags(t -> t.key("stage").value("dev")));

        DescribeSecretResponse described = client.describeSecret(b -> b.secretId(USER_SECRET));
        assertThat(described.arn()).isEqualTo(created.arn());
        assertThat(described.description()).isEqualTo("d");
        assertThat(described.createdDate()).isNotNull();
        assertThat(described.deletedDate()).isNull();
        assertThat(described.tags()).singleElement().satisfies(t -> assertThat(t.value()).isEqualTo("dev"));
        assertThat(described.versionIdsToStages()).containsEntry(created.versionId(), List.of("AWSCURRENT"));
    }

    @Test
    void deletedSecretIsRefusedUntilRestored() {
        client.createSecret(b -> b.name("key").secretString("one"));
        assertThat(client.deleteSecret(b -> b.secretId("key").recoveryWindowInDays(7L)).deletionDate()).isNotNull();

        assertThatThrownBy(() -> client.getSecretValue(b -> b.secretId("key")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("marked for deletion");
        assertThat(client.describeSecret(b -> b.secretId("key")).deletedDate()).isNotNull();
        assertThatThrownBy(() -> client.createSecret(b -> b.name("key").secretString("x")))
                .isInstanceOf(InvalidRequestException.class);

        client.restoreSecret(b -> b.secretId("key"));
        assertThat(client.getSecretValue(b -> b.secretId("key")).secretString()).isEqualTo("one");
    }

    @Test
    void forceDeleteRemovesAtOnce() {
        client.createSecret(b -> b.name("key").secretString("one"));
        client.deleteSecret(b -> b.secretId("key").forceDeleteWithoutRecovery(true));

        assertThatThrownBy(() -> client.getSecretValue(b -> b.secretId("key")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Secrets Manager can't find the specified secret.");
        client.createSecret(b -> b.name("key").secretString("again"));
        assertThat(client.getSecretValue(b -> b.secretId("key")).secretString()).isEqualTo("again");
    }

    @Test
    void deleteRejectsContradictoryOptions() {
        client.createSecret(b -> b.name("key").secretString("one"));
        assertThatThrownBy(() -> client.deleteSecret(b -> b.secretId("key").forceDeleteWithoutRecovery(true).recoveryWindowInDays(7L)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> client.deleteSecret(b -> b.secretId("key").recoveryWindowInDays(3L)))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void mapsErrorsToSdkExceptions() {
        assertThatThrownBy(() -> client.getSecretValue(b -> b.secretId("missing")))
                .isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e -> assertThat(((ResourceNotFoundException) e).statusCode()).isEqualTo(400));
        client.createSecret(b -> b.name("dup").secretString("x"));
        assertThatThrownBy(() -> client.createSecret(b -> b.name("dup").secretString("y")))
                .isInstanceOf(ResourceExistsException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> client.createSecret(b -> b.name("bad name!").secretString("y")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> client.createSecret(b -> b.name("a".repeat(513)).secretString("y")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> client.createSecret(b -> b.name("both").secretString("y")
                .secretBinary(SdkBytes.fromUtf8String("z")))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> client.getSecretValue(b -> b.secretId("dup").versionStage("NOPE")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void errorMessagesNeverContainSecretValues() {
        client.createSecret(b -> b.name("key").secretString("super-secret-value"));
        assertThatThrownBy(() -> client.putSecretValue(b -> b.secretId("key").secretString("super-secret-value")
                .clientRequestToken(client.describeSecret(d -> d.secretId("key")).versionIdsToStages().keySet().iterator().next())
                .secretString("different-secret")))
                .isInstanceOf(ResourceExistsException.class)
                .hasMessageNotContaining("secret-value").hasMessageNotContaining("different-secret");
    }

    @Test
    void listsSecretsWithNameFilterAndPaging() {
        for (int i = 0; i < 5; i++) {
            int n = i;
            client.createSecret(b -> b.name("pyairtable/dev/airtable/user-" + n).secretString("v"));
        }
        client.createSecret(b -> b.name("pyairtable/dev/jwt-signing-key").secretString("k"));

        List<SecretListEntry> all = client.listSecretsPaginator(b -> b.maxResults(2)
                .filters(Filter.builder().key(FilterNameStringType.NAME).values("pyairtable/dev/airtable/").build()))
                .stream().flatMap(page -> page.secretList().stream()).toList();
        assertThat(all).extracting(SecretListEntry::name).hasSize(5).allMatch(n -> n.startsWith("pyairtable/dev/airtable/user-"));
    }

    @Test
    void generatesRandomPasswords() {
        String password = client.getRandomPassword(b -> b.passwordLength(64L).excludePunctuation(true)).randomPassword();
        assertThat(password).hasSize(64).matches("[A-Za-z0-9]+").matches(".*[a-z].*").matches(".*[A-Z].*").matches(".*[0-9].*");
    }

    @Test
    void persistsToADataFileAndLoadsItBack() throws Exception {
        Path file = tempDir.resolve("state/secrets.json");
        stop();
        startWith(new SecretsManagerService(file));
        String arn = client.createSecret(b -> b.name(USER_SECRET).secretString("one")).arn();
        client.putSecretValue(b -> b.secretId(USER_SECRET).secretString("two"));
        client.createSecret(b -> b.name("bin").secretBinary(SdkBytes.fromByteArray(new byte[] {9, 8, 7})));
        assertThat(Files.exists(file)).isTrue();
        assertThat(Files.list(file.getParent())).hasSize(1);

        stop();
        startWith(new SecretsManagerService(file));
        GetSecretValueResponse current = client.getSecretValue(b -> b.secretId(USER_SECRET));
        assertThat(current.secretString()).isEqualTo("two");
        assertThat(current.arn()).isEqualTo(arn);
        assertThat(client.getSecretValue(b -> b.secretId(USER_SECRET).versionStage("AWSPREVIOUS")).secretString()).isEqualTo("one");
        assertThat(client.getSecretValue(b -> b.secretId("bin")).secretBinary().asByteArray()).containsExactly(9, 8, 7);
    }
}
