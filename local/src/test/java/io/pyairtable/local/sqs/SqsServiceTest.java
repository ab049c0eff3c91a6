package io.pyairtable.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.junit.LocalCloudExtension;
import io.pyairtable.local.junit.LocalCloudTemplate;
import io.pyairtable.local.s3.LocalS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The local SQS through the AWS endpoint with the real SDK v2 client (AWS JSON 1.0, {@code AmazonSQS.*} targets;
 * the client checks the MD5 of every body sent and received), and its data file.
 */
@ExtendWith(LocalCloudExtension.class)
@LocalCloudTemplate("src/test/resources/cloud/recovery.yaml")
class SqsServiceTest {
    private SqsClient sqs;
    private String queue;

    @BeforeEach
    void client(LocalCloud cloud) {
        sqs = SqsClient.builder().endpointOverride(cloud.awsUrl()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY))).build();
        queue = sqs.createQueue(b -> b.queueName("test-" + UUID.randomUUID())
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"))).queueUrl();
    }

    @AfterEach
    void close() {
        sqs.close();
    }

    private int count(QueueAttributeName attribute) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNames(attribute)).attributes()
                .get(attribute));
    }

    @Test
    void createGetAndListQueues() {
        String name = queue.substring(queue.lastIndexOf('/') + 1);
        assertThat(queue).isEqualTo("https://sqs.us-east-1.amazonaws.com/000000000000/" + name);
        assertThat(sqs.getQueueUrl(b -> b.queueName(name)).queueUrl()).isEqualTo(queue);
        assertThat(sqs.createQueue(b -> b.queueName(name)).queueUrl()).as("CreateQueue is idempotent").isEqualTo(queue);
        assertThatThrownBy(() -> sqs.createQueue(b -> b.queueName(name).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5"))))
                .isInstanceOf(QueueNameExistsException.class);
        assertThat(sqs.listQueues(b -> b.queueNamePrefix(name)).queueUrls()).containsExactly(queue);
        assertThat(sqs.listQueues().queueUrls()).contains(queue);
        assertThatThrownBy(() -> sqs.getQueueUrl(b -> b.queueName("no-such-queue")))
                .isInstanceOf(QueueDoesNotExistException.class);
        assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(queue + "-missing").messageBody("x")))
                .isInstanceOf(QueueDoesNotExistException.class);
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()).containsEntry(QueueAttributeName.QUEUE_ARN, "arn:aws:sqs:us-east-1:000000000000:" + name);
    }

    @Test
    void sendReceiveWithVisibilityTimeoutsAndDelete() {
        String body = "{\"é\":\"ünïcode ✓ 𝄞\"}";
        for (int i = 0; i < 3; i++) {
            int n = i;
            String id = sqs.sendMessage(b -> b.queueUrl(queue).messageBody(body + n)).messageId();
            assertThat(id).isNotBlank();
        }
        assertThat(count(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo(3);

        List<Message> first = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(2).visibilityTimeout(30)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertThat(first).extracting(Message::body).containsExactly(body + 0, body + 1);
        assertThat(first.get(0).attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")
                .containsKey(MessageSystemAttributeName.SENT_TIMESTAMP);
        assertThat(count(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo(1);
        assertThat(count(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).isEqualTo(2);

        List<Message> second = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)).messages();
        assertThat(second).extracting(Message::body).containsExactly(body + 2);
        long begin = System.nanoTime();
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1)).messages()).isEmpty();
        assertThat(System.nanoTime() - begin).as("waited for WaitTimeSeconds").isGreaterThan(TimeUnit.MILLISECONDS.toNanos(900));

        sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(first.get(0).receiptHandle()));
        sqs.changeMessageVisibility(b -> b.queueUrl(queue).receiptHandle(first.get(1).receiptHandle()).visibilityTimeout(0));
        List<Message> again = sqs.receiveMessage(b -> b.queueUrl(queue)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        assertThat(again).extracting(Message::body).containsExactly(body + 1);
        assertThat(again.get(0).attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");
        // the first receipt handle of a message received again no longer deletes it, as in SQS
        sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(first.get(1).receiptHandle()));
        assertThat(count(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).isEqualTo(2);
        assertThatThrownBy(() -> sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle("garbage")))
                .isInstanceOf(ReceiptHandleIsInvalidException.class);

        sqs.purgeQueue(b -> b.queueUrl(queue));
        assertThat(count(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isZero();
        assertThat(count(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).isZero();
    }

    @Test
    void longPollingReturnsAsSoonAsAMessageArrives() throws Exception {
        CompletableFuture<List<Message>> waiting = CompletableFuture.supplyAsync(
                () -> sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(10)).messages());
        Thread.sleep(300);
        long sent = System.nanoTime();
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("late"));
        assertThat(waiting.get(5, TimeUnit.SECONDS)).extracting(Message::body).containsExactly("late");
        assertThat(System.nanoTime() - sent).isLessThan(TimeUnit.SECONDS.toNanos(2));
    }

    @Test
    void delayedMessagesAndInvalidRequests() {
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("later").delaySeconds(60));
        assertThat(count(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).isEqualTo(1);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queue)).messages()).isEmpty();
        assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(queue).messageBody("bad \u0000 character")))
                .isInstanceOf(SqsException.class).hasMessageContaining("Invalid characters");
        assertThatThrownBy(() -> sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(11)))
                .isInstanceOf(SqsException.class).hasMessageContaining("MaxNumberOfMessages");
        assertThatThrownBy(() -> sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(21)))
                .isInstanceOf(SqsException.class).hasMessageContaining("WaitTimeSeconds");
    }

    @Test
    void queuesAndMessagesSurviveARestart(@TempDir Path dir) {
        Path file = dir.resolve("sqs.json");
        SqsService first = new SqsService(file);
        first.ensureQueue("kept", Map.of("MessageRetentionPeriod", 1_209_600));
        first.send("kept", "one");
        first.send("kept", "two");
        assertThat(Files.exists(file)).isTrue();

        SqsService second = new SqsService(file);
        var received = second.handle("ReceiveMessage", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("QueueUrl", "http://127.0.0.1:4566/000000000000/kept").put("MaxNumberOfMessages", 10));
        assertThat(received.path("Messages")).extracting(m -> m.path("Body").asText()).containsExactly("one", "two");
        assertThat(second.handle("GetQueueAttributes", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("QueueUrl", "https://sqs.us-east-1.amazonaws.com/000000000000/kept")
                .set("AttributeNames", new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode().add("MessageRetentionPeriod")))
                .path("Attributes").path("MessageRetentionPeriod").asText()).isEqualTo("1209600");
    }
}
