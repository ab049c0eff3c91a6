package io.pyairtable.local.lambda;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.RequestParametersEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.ResponseElementsEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3BucketEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.UserIdentityEntity;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * S3 event notification JSON ↔ {@link S3Event}. The event classes have constructors but no setters, so (like the
 * Lambda runtime's own S3 serializer) they are mapped by hand, field by field, from the documented notification format
 * ({@code Records[].s3.object.key}, {@code eventTime}, {@code responseElements["x-amz-request-id"]}, ...).
 */
final class S3EventJson {
    private S3EventJson() {
    }

    static List<S3EventNotificationRecord> records(JsonNode root) {
        List<S3EventNotificationRecord> records = new ArrayList<>();
        for (JsonNode record : root.path("Records")) {
            JsonNode s3 = record.path("s3");
            JsonNode bucket = s3.path("bucket");
            JsonNode object = s3.path("object");
            S3ObjectEntity objectEntity = new S3ObjectEntity(text(object, "key"),
                    object.hasNonNull("size") ? object.get("size").asLong() : null, text(object, "eTag"),
                    text(object, "versionId"), text(object, "sequencer"));
            S3BucketEntity bucketEntity = new S3BucketEntity(text(bucket, "name"),
                    identity(bucket.path("ownerIdentity")), text(bucket, "arn"));
            JsonNode response = record.path("responseElements");
            records.add(new S3EventNotificationRecord(text(record, "awsRegion"), text(record, "eventName"),
                    text(record, "eventSource"), text(record, "eventTime"), text(record, "eventVersion"),
                    new RequestParametersEntity(text(record.path("requestParameters"), "sourceIPAddress")),
                    new ResponseElementsEntity(text(response, "x-amz-id-2"), text(response, "x-amz-request-id")),
                    new S3Entity(text(s3, "configurationId"), bucketEntity, objectEntity, text(s3, "s3SchemaVersion")),
                    identity(record.path("userIdentity"))));
        }
        return records;
    }

    private static UserIdentityEntity identity(JsonNode node) {
        return new UserIdentityEntity(text(node, "principalId"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static final class EventDeserializer extends JsonDeserializer<S3Event> {
        @Override
        public S3Event deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return new S3Event(records(parser.readValueAsTree()));
        }
    }

    static final class NotificationDeserializer extends JsonDeserializer<S3EventNotification> {
        @Override
        public S3EventNotification deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return new S3Event(records(parser.readValueAsTree()));
        }
    }

    static final class Serializer extends JsonSerializer<S3EventNotification> {
        @Override
        public void serialize(S3EventNotification event, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeStartObject();
            out.writeArrayFieldStart("Records");
            for (S3EventNotificationRecord record : event.getRecords()) {
                out.writeStartObject();
                field(out, "eventVersion", record.getEventVersion());
                field(out, "eventSource", record.getEventSource());
                field(out, "awsRegion", record.getAwsRegion());
                field(out, "eventTime", record.getEventTime() == null ? null : record.getEventTime().toString());
                field(out, "eventName", record.getEventName());
                out.writeObjectFieldStart("userIdentity");
                field(out, "principalId", record.getUserIdentity() == null ? null : record.getUserIdentity().getPrincipalId());
                out.writeEndObject();
                out.writeObjectFieldStart("requestParameters");
                field(out, "sourceIPAddress", record.getRequestParameters() == null ? null
                        : record.getRequestParameters().getSourceIPAddress());
                out.writeEndObject();
                out.writeObjectFieldStart("responseElements");
                if (record.getResponseElements() != null) {
                    field(out, "x-amz-request-id", record.getResponseElements().getxAmzRequestId());
                    field(out, "x-amz-id-2", record.getResponseElements().getxAmzId2());
                }
                out.writeEndObject();
                writeS3(out, record.getS3());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        }

        private static void writeS3(JsonGenerator out, S3Entity s3) throws IOException {
            out.writeObjectFieldStart("s3");
            if (s3 != null) {
                field(out, "s3SchemaVersion", s3.getS3SchemaVersion());
                field(out, "configurationId", s3.getConfigurationId());
                S3BucketEntity bucket = s3.getBucket();
                out.writeObjectFieldStart("bucket");
                if (bucket != null) {
                    field(out, "name", bucket.getName());
                    out.writeObjectFieldStart("ownerIdentity");
                    field(out, "principalId", bucket.getOwnerIdentity() == null ? null
                            : bucket.getOwnerIdentity().getPrincipalId());
                    out.writeEndObject();
                    field(out, "arn", bucket.getArn());
                }
                out.writeEndObject();
                S3ObjectEntity object = s3.getObject();
                out.writeObjectFieldStart("object");
                if (object != null) {
                    field(out, "key", object.getKey());
                    if (object.getSizeAsLong() != null) {
                        out.writeNumberField("size", object.getSizeAsLong());
                    }
                    field(out, "eTag", object.geteTag());
                    field(out, "versionId", object.getVersionId());
                    field(out, "sequencer", object.getSequencer());
                }
                out.writeEndObject();
            }
            out.writeEndObject();
        }

        private static void field(JsonGenerator out, String name, String value) throws IOException {
            if (value != null) {
                out.writeStringField(name, value);
            }
        }
    }
}
