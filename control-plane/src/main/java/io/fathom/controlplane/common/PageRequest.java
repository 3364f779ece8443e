package io.fathom.controlplane.common;

/**
 * A validated page request from {@code page_number} (1-based, default 1) and {@code page_size}
 * (default 20, at most 100).
 */
public record PageRequest(int pageNumber, int pageSize) {
  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_SIZE = 100;

  public PageRequest {
    if (pageNumber < 1) {
      throw ApiException.badRequest(
          "invalid-page", "page_number must be 1 or more (pages are numbered from 1)");
    }
    if (pageSize < 1 || pageSize > MAX_SIZE) {
      throw ApiException.badRequest(
          "invalid-page", "page_size must be between 1 and " + MAX_SIZE + ", got " + pageSize);
    }
  }

  public static PageRequest of(Integer pageNumber, Integer pageSize) {
    return new PageRequest(
        pageNumber == null ? 1 : pageNumber, pageSize == null ? DEFAULT_SIZE : pageSize);
  }

  public long offset() {
    return (long) (pageNumber - 1) * pageSize;
  }
}
