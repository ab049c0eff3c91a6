package io.pyairtable.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.local.template.HandlerReference;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The method Lambda calls on a handler and how to feed it: {@code handleRequest} of a {@link RequestHandler} or
 * {@link RequestStreamHandler}, or the method named in {@code Class::method} taking
 * {@code (InputStream, OutputStream[, Context])} or {@code ([input][, Context])}.
 */
final class HandlerMethod {
    private final Method method;
    private final boolean stream;
    private final JavaType inputType;
    private final int contextIndex;
    private final ObjectMapper mapper;

    private HandlerMethod(Method method, boolean stream, JavaType inputType, int contextIndex, ObjectMapper mapper) {
        this.method = method;
        this.stream = stream;
        this.inputType = inputType;
        this.contextIndex = contextIndex;
        this.mapper = mapper;
    }

    static HandlerMethod resolve(Class<?> type, HandlerReference reference, ObjectMapper mapper) {
        String name = reference.methodName();
        if (name == null) {
            if (!RequestHandler.class.isAssignableFrom(type) && !RequestStreamHandler.class.isAssignableFrom(type)) {
                throw new IllegalStateException("handler class " + type.getName() + " implements neither RequestHandler"
                        + " nor RequestStreamHandler; name its method as " + type.getName() + "::method");
            }
            name = "handleRequest";
        }
        String methodName = name;
        List<Method> candidates = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(methodName) && !m.isBridge() && !m.isSynthetic()
                        && !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() <= 3)
                .sorted(Comparator.comparingInt(Method::getParameterCount).reversed())
                .toList();
        if (candidates.isEmpty()) {
            throw new IllegalStateException("no public method " + methodName + " in handler class " + type.getName());
        }
        Method method = candidates.get(0);
        Class<?>[] parameters = method.getParameterTypes();
        if (parameters.length >= 2 && parameters[0] == InputStream.class && parameters[1] == OutputStream.class) {
            return new HandlerMethod(method, true, null, parameters.length == 3 ? 2 : -1, mapper);
        }
        int contextIndex = Arrays.asList(parameters).indexOf(Context.class);
        boolean hasInput = parameters.length > 0 && contextIndex != 0;
        if (parameters.length > 2 || (parameters.length == 2 && contextIndex != 1)) {
            throw new IllegalStateException("handler method " + method + " must take ([input][, Context]) or"
                    + " (InputStream, OutputStream[, Context])");
        }
        JavaType input = hasInput ? inputType(type, method, mapper) : null;
        return new HandlerMethod(method, false, input, contextIndex, mapper);
    }

    private static JavaType inputType(Class<?> type, Method method, ObjectMapper mapper) {
        JavaType declared = mapper.getTypeFactory().constructType(method.getGenericParameterTypes()[0]);
        if (RequestHandler.class.isAssignableFrom(type) && method.getName().equals("handleRequest")) {
            JavaType[] typeArguments = mapper.getTypeFactory().constructType(type).findTypeParameters(RequestHandler.class);
            if (typeArguments.length == 2 && typeArguments[0].getRawClass() != Object.class) {
                return typeArguments[0];
            }
        }
        return declared;
    }

    /** Runs the handler; failures to parse the event surface as {@link EventParsingException}. */
    byte[] invoke(Object handler, byte[] payload, Context context) throws Throwable {
        Object[] arguments = new Object[method.getParameterCount()];
        if (contextIndex >= 0) {
            arguments[contextIndex] = context;
        }
        if (stream) {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            arguments[0] = new ByteArrayInputStream(payload);
            arguments[1] = output;
            call(handler, arguments);
            return output.toByteArray();
        }
        if (inputType != null) {
            try {
                arguments[0] = mapper.readValue(payload, inputType);
            } catch (IOException e) {
                throw new EventParsingException(e);
            }
        }
        Object result = call(handler, arguments);
        return method.getReturnType() == void.class ? "null".getBytes(java.nio.charset.StandardCharsets.UTF_8)
                : mapper.writeValueAsBytes(result);
    }

    private Object call(Object handler, Object[] arguments) throws Throwable {
        try {
            return method.invoke(handler, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The event could not be converted to the handler's input type. */
    static final class EventParsingException extends Exception {
        private static final long serialVersionUID = 1L;

        EventParsingException(IOException cause) {
            super(cause);
        }
    }
}
