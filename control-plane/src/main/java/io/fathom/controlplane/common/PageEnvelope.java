package io.fathom.controlplane.common;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.function.Function;

/** List envelope: {@code {"data": [...], "pagination": {...}}}. */
@Serdeable
public record PageEnvelope<T>(List<T> data, Pagination pagination) {

  public static <E, T> PageEnvelope<T> of(
      List<E> items, PageRequest request, long total, Function<E, T> mapper) {
    return new PageEnvelope<>(items.stream().map(mapper).toList(), Pagination.of(request, total));
  }

  @Serdeable
  public record Pagination(int pageNumber, int pageSize, long totalElements, long totalPages) {
    static Pagination of(PageRequest request, long total) {
      long pages = total == 0 ? 0 : (total + request.pageSize() - 1) / request.pageSize();
      return new Pagination(request.pageNumber(), request.pageSize(), total, pages);
    }
  }
}
