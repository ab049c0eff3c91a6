package io.pyairtable.local.lambda;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * The Jackson configuration of the Lambda Java runtime's serializer (aws-lambda-java-serialization), so that an
 * event that deserializes here deserializes in AWS: lenient JSON reading, unknown properties ignored, standard bean
 * naming ({@code getIsBase64Encoded} ↔ {@code isBase64Encoded}), creators not auto-detected (POJOs need a no-arg
 * constructor and setters), nulls left out of responses; plus the runtime's special cases for {@link S3Event} (no
 * setters, so built through its constructors), {@link ScheduledEvent} ({@code detail-type}) and Joda
 * {@code DateTime}.
 */
public final class LambdaSerialization {
    private static final ObjectMapper MAPPER = create();

    private LambdaSerialization() {
    }

    /** The shared, thread-safe mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    @SuppressWarnings("deprecation") // USE_STD_BEAN_NAMING is what the Lambda runtime enables
    private static ObjectMapper create() {
        JsonFactory factory = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
                .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
                .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
                .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
                .build();
        SimpleModule events = new SimpleModule("lambda-events");
        events.addDeserializer(S3Event.class, new S3EventJson.EventDeserializer());
        events.addDeserializer(S3EventNotification.class, new S3EventJson.NotificationDeserializer());
        events.addSerializer(S3EventNotification.class, new S3EventJson.Serializer());
        events.setMixInAnnotation(ScheduledEvent.class, ScheduledEventMixin.class);
        JodaDateTime.register(events);
        return JsonMapper.builder(factory)
                .enable(MapperFeature.USE_STD_BEAN_NAMING)
                .disable(MapperFeature.AUTO_DETECT_CREATORS)
                .disable(MapperFeature.INFER_PROPERTY_MUTATORS)
                .disable(MapperFeature.USE_GETTERS_AS_SETTERS)
                .enable(DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT)
                .enable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
                .enable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addModule(events)
                .build();
    }

    /** The runtime's mixin: the JSON field is {@code detail-type}. */
    abstract static class ScheduledEventMixin {
        @JsonProperty("detail-type")
        abstract String getDetailType();

        @JsonProperty("detail-type")
        abstract void setDetailType(String detailType);
    }
}
