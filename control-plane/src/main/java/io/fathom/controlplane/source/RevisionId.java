package io.fathom.controlplane.source;

import io.fathom.controlplane.common.ApiException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A revision name: {@code v1}, {@code v2}, ... */
public record RevisionId(int number) {
  private static final Pattern PATTERN = Pattern.compile("^v([1-9][0-9]{0,8})$");

  public RevisionId {
    if (number < 1) {
      throw new IllegalArgumentException("revision numbers start at 1, got " + number);
    }
  }

  public static RevisionId parse(String text) {
    Matcher m = PATTERN.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw ApiException.badRequest(
          "invalid-revision", "Revisions are named v1, v2, ...; got '" + text + "'");
    }
    return new RevisionId(Integer.parseInt(m.group(1)));
  }

  @Override
  public String toString() {
    return "v" + number;
  }
}
