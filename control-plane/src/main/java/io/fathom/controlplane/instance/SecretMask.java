package io.fathom.controlplane.instance;

import java.util.Set;

/** Replaces secret values in text the platform stores or shows (log lines, start-up errors). */
public final class SecretMask {
  public static final String MASK = "********";

  /** Values shorter than this are not masked: they would blank out ordinary words. */
  private static final int MIN_LENGTH = 4;

  private SecretMask() {}

  public static String apply(String text, Set<String> secrets) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : secrets) {
      if (secret != null && secret.length() >= MIN_LENGTH && out.contains(secret)) {
        out = out.replace(secret, MASK);
      }
    }
    return out;
  }
}
