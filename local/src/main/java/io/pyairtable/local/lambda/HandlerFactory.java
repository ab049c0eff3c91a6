package io.pyairtable.local.lambda;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Map;

/**
 * Creates handler instances: through the public {@code (Map<String, String> environment)} constructor when the class
 * has one, else through the public no-argument constructor (see the package documentation).
 */
final class HandlerFactory {
    private final Class<?> handlerClass;
    private final Constructor<?> constructor;
    private final boolean takesEnvironment;

    HandlerFactory(Class<?> handlerClass) {
        this.handlerClass = handlerClass;
        if (!Modifier.isPublic(handlerClass.getModifiers()) || Modifier.isAbstract(handlerClass.getModifiers())) {
            throw new IllegalStateException("handler class " + handlerClass.getName() + " must be public and concrete");
        }
        Constructor<?> withEnvironment = null;
        Constructor<?> noArguments = null;
        for (Constructor<?> candidate : handlerClass.getConstructors()) {
            Class<?>[] parameters = candidate.getParameterTypes();
            if (parameters.length == 1 && parameters[0] == Map.class) {
                withEnvironment = candidate;
            } else if (parameters.length == 0) {
                noArguments = candidate;
            }
        }
        if (withEnvironment == null && noArguments == null) {
            throw new IllegalStateException("handler class " + handlerClass.getName()
                    + " needs a public no-argument constructor (or one taking Map<String, String> environment)");
        }
        this.takesEnvironment = withEnvironment != null;
        this.constructor = takesEnvironment ? withEnvironment : noArguments;
    }

    Class<?> handlerClass() {
        return handlerClass;
    }

    /** Whether the handler receives its environment through the constructor. */
    boolean takesEnvironment() {
        return takesEnvironment;
    }

    /** A new instance; the handler's own exception when its constructor throws. */
    Object newInstance(Map<String, String> environment) throws Throwable {
        try {
            return takesEnvironment ? constructor.newInstance(environment) : constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
