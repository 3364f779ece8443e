package io.fathom.cli.output;

/** How results are printed: a table for people, or the API's {@code data} as JSON for scripts. */
public enum OutputFormat {
  TABLE,
  JSON
}
