package io.fathom.controlplane.mlflow.models;

import io.fathom.controlplane.mlflow.MlflowException;
import io.fathom.controlplane.mlflow.tracking.ExperimentService;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code logged-models/search}: models of some experiments, filtered by a small subset of MLflow's
 * filter language ({@code name|status|model_type|source_run_id =|!=|LIKE 'value'} joined by {@code
 * AND}), ordered by {@code name}, {@code creation_timestamp} or {@code last_updated_timestamp}, a
 * page at a time (the page token is an opaque offset).
 */
@Singleton
public class LoggedModelSearch {
  /** A search request. */
  public record Query(
      List<String> experimentIds,
      @Nullable String filter,
      List<Order> orderBy,
      @Nullable Integer maxResults,
      @Nullable String pageToken) {}

  /** One {@code order_by} entry. */
  public record Order(String fieldName, boolean ascending) {}

  /** A page of models and the token of the next page (null on the last). */
  public record Page(List<LoggedModel> models, @Nullable String nextPageToken) {}

  private static final Pattern CLAUSE =
      Pattern.compile("\\s*(?:attributes\\.)?(\\w+)\\s*(=|!=|(?i:like))\\s*'((?:[^']|'')*)'\\s*");
  private static final Map<String, String> FILTER_COLUMNS =
      Map.of(
          "name", "name",
          "status", "status",
          "model_type", "model_type",
          "source_run_id", "source_run_id");
  private static final Map<String, String> ORDER_COLUMNS =
      Map.of(
          "name", "name",
          "creation_timestamp", "creation_time",
          "creation_time", "creation_time",
          "last_updated_timestamp", "last_updated_time");
  private static final int MAX_RESULTS = 1000;

  private final JdbcOperations jdbc;
  private final ExperimentService experiments;
  private final LoggedModelService service;

  public LoggedModelSearch(
      JdbcOperations jdbc, ExperimentService experiments, LoggedModelService service) {
    this.jdbc = jdbc;
    this.experiments = experiments;
    this.service = service;
  }

  @Transactional
  public Page search(ProjectScope scope, Query query) {
    StringBuilder where = new StringBuilder(" WHERE project_id = ?");
    List<Object> params = new ArrayList<>(List.of(scope.projectId()));
    if (!query.experimentIds().isEmpty()) {
      where.append(" AND experiment_id IN (");
      for (int i = 0; i < query.experimentIds().size(); i++) {
        where.append(i == 0 ? "?" : ", ?");
        params.add(experiments.get(scope, query.experimentIds().get(i)).id());
      }
      where.append(")");
    }
    filter(query.filter(), where, params);
    int limit = query.maxResults() == null ? 100 : query.maxResults();
    if (limit < 1 || limit > MAX_RESULTS) {
      throw MlflowException.invalid("max_results must be between 1 and " + MAX_RESULTS);
    }
    long offset = offset(query.pageToken());
    String sql =
        "SELECT * FROM mlflow_logged_models"
            + where
            + orderBy(query.orderBy())
            + " LIMIT ? OFFSET ?";
    List<LoggedModelEntity> rows =
        jdbc.prepareStatement(
            sql,
            s -> {
              int i = 1;
              for (Object p : params) {
                s.setObject(i++, p);
              }
              s.setInt(i++, limit + 1);
              s.setLong(i, offset);
              try (ResultSet rs = s.executeQuery()) {
                return jdbc.entityStream(rs, LoggedModelEntity.class).toList();
              }
            });
    boolean more = rows.size() > limit;
    List<LoggedModel> models =
        rows.subList(0, Math.min(limit, rows.size())).stream().map(service::load).toList();
    return new Page(models, more ? token(offset + limit) : null);
  }

  private static void filter(@Nullable String filter, StringBuilder where, List<Object> params) {
    if (filter == null || filter.isBlank()) {
      return;
    }
    for (String clause : filter.split("(?i)\\s+and\\s+")) {
      Matcher m = CLAUSE.matcher(clause);
      if (!m.matches() || !FILTER_COLUMNS.containsKey(m.group(1))) {
        throw MlflowException.invalid(
            "Invalid filter '"
                + clause.trim()
                + "'. Supported: name, status, model_type, source_run_id with =, != or LIKE and a"
                + " quoted value, joined by AND");
      }
      String value = m.group(3).replace("''", "'");
      if (m.group(1).equals("status")) {
        value = LoggedModelStatus.fromMlflow(value).wire();
      }
      String op = m.group(2).toUpperCase(Locale.ROOT);
      where
          .append(" AND ")
          .append(FILTER_COLUMNS.get(m.group(1)))
          .append(' ')
          .append(op)
          .append(" ?");
      params.add(value);
    }
  }

  private static String orderBy(List<Order> orders) {
    StringBuilder sql = new StringBuilder(" ORDER BY ");
    for (Order order : orders) {
      String column = ORDER_COLUMNS.get(order.fieldName());
      if (column == null) {
        throw MlflowException.invalid(
            "Invalid order_by field '"
                + order.fieldName()
                + "'. Valid fields are "
                + ORDER_COLUMNS.keySet());
      }
      sql.append(column).append(order.ascending() ? " ASC, " : " DESC, ");
    }
    return sql.append(orders.isEmpty() ? "creation_time DESC, id" : "id").toString();
  }

  private static long offset(@Nullable String token) {
    if (token == null || token.isBlank()) {
      return 0;
    }
    try {
      long offset =
          Long.parseLong(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
      if (offset < 0) {
        throw new NumberFormatException();
      }
      return offset;
    } catch (IllegalArgumentException e) {
      throw MlflowException.invalid("Invalid page_token '" + token + "'");
    }
  }

  private static String token(long offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(String.valueOf(offset).getBytes(StandardCharsets.UTF_8));
  }
}
