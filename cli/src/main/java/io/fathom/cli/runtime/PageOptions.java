package io.fathom.cli.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --page} and {@code --page-size} for list commands, sent as the API's query. */
public final class PageOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--page", paramLabel = "N", description = "Page number, from 1.")
  Integer page;

  @Option(names = "--page-size", paramLabel = "N", description = "Items per page.")
  Integer pageSize;

  /** {@code page_number} and {@code page_size}, only those the user gave. */
  public Map<String, String> query() {
    Map<String, String> query = new LinkedHashMap<>();
    if (page != null) {
      query.put("page_number", String.valueOf(positive("--page", page)));
    }
    if (pageSize != null) {
      query.put("page_size", String.valueOf(positive("--page-size", pageSize)));
    }
    return query;
  }

  private int positive(String option, int value) {
    if (value < 1) {
      throw new ParameterException(
          mixee.commandLine(), option + " must be 1 or more, but was " + value);
    }
    return value;
  }
}
