package io.fathom.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A successful JSON answer: {@code {"data": ...}}, with {@code pagination} for lists. */
public record ApiResponse(int status, JsonNode body) {

  public ApiResponse {
    body = body == null ? MissingNode.getInstance() : body;
  }

  /** The {@code data} member; missing for an empty answer (204). */
  public JsonNode data() {
    return body.path("data");
  }

  public <T> T data(Class<T> type) {
    return Json.convert(data(), type);
  }

  /** The items of a list answer, converted to {@code type}. */
  public <T> List<T> items(Class<T> type) {
    List<T> items = new ArrayList<>();
    for (JsonNode item : data()) {
      items.add(Json.convert(item, type));
    }
    return items;
  }

  public Optional<Pagination> pagination() {
    JsonNode pagination = body.path("pagination");
    return pagination.isObject()
        ? Optional.of(Json.convert(pagination, Pagination.class))
        : Optional.empty();
  }
}
