package io.fathom.controlplane.common.filter;

import java.util.List;

/**
 * The platform's filter language, parsed: {@code @and}, {@code @or}, {@code @not}, {@code @eq},
 * {@code @regex}, {@code @in}, {@code @gt}, {@code @lt}.
 */
public sealed interface Filter {
  record And(List<Filter> all) implements Filter {}

  record Or(List<Filter> any) implements Filter {}

  record Not(Filter inner) implements Filter {}

  record Eq(String path, Object value) implements Filter {}

  record Regex(String path, String pattern) implements Filter {}

  record In(String path, List<Object> values) implements Filter {}

  record Gt(String path, Object value) implements Filter {}

  record Lt(String path, Object value) implements Filter {}
}
