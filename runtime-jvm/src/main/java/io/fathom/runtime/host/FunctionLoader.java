package io.fathom.runtime.host;

import io.fathom.runtime.sdk.Function;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/** Creates the user's {@link Function} from its class name ({@code FATHOM_FUNCTION_CLASS}). */
public final class FunctionLoader {
  private final ClassLoader classLoader;

  public FunctionLoader(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  /** Loads and instantiates {@code className}; throws {@link StartupException} saying why not. */
  public Function load(String className) {
    Class<?> type;
    try {
      type = Class.forName(className, true, classLoader);
    } catch (ClassNotFoundException e) {
      throw new StartupException(
          "function class "
              + className
              + " (FATHOM_FUNCTION_CLASS, func.yaml's entryPoint) is not on the classpath");
    } catch (LinkageError e) {
      throw new StartupException("function class " + className + " cannot be loaded: " + e, e);
    }
    if (!Function.class.isAssignableFrom(type)) {
      throw new StartupException(
          "function class " + className + " does not implement " + Function.class.getName());
    }
    if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
      throw new StartupException("function class " + className + " is abstract");
    }
    Constructor<?> constructor;
    try {
      constructor = type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new StartupException(
          "function class " + className + " needs a public constructor without parameters");
    }
    try {
      return (Function) constructor.newInstance();
    } catch (InvocationTargetException e) {
      throw new StartupException(
          "the constructor of " + className + " failed: " + describe(e.getCause()), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new StartupException("cannot create " + className + ": " + describe(e), e);
    }
  }

  static String describe(Throwable error) {
    String message = error.getMessage();
    return message == null || message.isBlank() ? error.getClass().getName() : message;
  }
}
