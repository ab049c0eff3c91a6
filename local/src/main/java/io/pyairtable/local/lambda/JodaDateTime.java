package io.pyairtable.local.lambda;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Joda {@code DateTime} (used by {@code ScheduledEvent.time}) as ISO-8601 text, looked up reflectively like the
 * Lambda runtime does, so this module does not depend on Joda directly.
 */
final class JodaDateTime {
    private JodaDateTime() {
    }

    static void register(SimpleModule module) {
        Class<Object> type;
        Method parse;
        try {
            @SuppressWarnings("unchecked")
            Class<Object> loaded = (Class<Object>) Class.forName("org.joda.time.DateTime");
            type = loaded;
            parse = type.getMethod("parse", String.class);
        } catch (ReflectiveOperationException | LinkageError absent) {
            return;
        }
        module.addDeserializer(type, new JsonDeserializer<>() {
            @Override
            public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                String text = parser.getValueAsString();
                try {
                    return text == null ? null : parse.invoke(null, text);
                } catch (InvocationTargetException e) {
                    throw new IOException("not a date-time: " + text, e.getCause());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        module.addSerializer(type, new JsonSerializer<>() {
            @Override
            public void serialize(Object value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(value.toString());
            }
        });
    }
}
