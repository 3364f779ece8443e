package io.fathom.cli.runtime;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Optional;

/** Asks the person at the terminal for a secret without echoing it. */
@FunctionalInterface
public interface SecretPrompt {

  /** The answer, or empty when there is nobody to ask (no interactive console). */
  Optional<String> read(String prompt);

  /** Nobody to ask: always empty. */
  static SecretPrompt none() {
    return prompt -> Optional.empty();
  }

  /** Reads from the process's console when it is attached to a terminal. */
  static SecretPrompt console() {
    return prompt -> {
      Console console = System.console();
      if (console == null || !isTerminal(console)) {
        return Optional.empty();
      }
      char[] answer = console.readPassword("%s", prompt);
      return answer == null ? Optional.empty() : Optional.of(new String(answer));
    };
  }

  /**
   * From JDK 22 on {@code System.console()} is not null when the streams are redirected; {@code
   * Console.isTerminal()} (22+) tells the two apart. It is looked up reflectively because the CLI
   * targets Java 21.
   */
  private static boolean isTerminal(Console console) {
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
