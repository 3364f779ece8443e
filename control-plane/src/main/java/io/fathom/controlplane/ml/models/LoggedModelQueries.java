package io.fathom.controlplane.ml.models;

import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.common.filter.Filter;
import io.fathom.controlplane.common.filter.FilterField;
import io.fathom.controlplane.common.filter.FilterField.Type;
import io.fathom.controlplane.common.filter.ProjectPageQuery;
import io.fathom.controlplane.common.filter.SqlFilter;
import io.fathom.controlplane.mlflow.models.LoggedModelEntity;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/** Lists and filters a project's logged models with the platform filter language. */
@Singleton
public class LoggedModelQueries {
  /** The paths clients may filter on, and their columns. */
  public static final List<FilterField> FIELDS =
      List.of(
          new FilterField("id", "id", Type.UUID),
          new FilterField("name", "name", Type.STRING),
          new FilterField("kind", "kind", Type.STRING),
          new FilterField("status", "status", Type.STRING),
          new FilterField("modelSize", "model_size", Type.INTEGER));

  private final ProjectPageQuery<LoggedModelEntity> query;

  public LoggedModelQueries(
      JdbcOperations jdbc, @Value("${datasources.default.dialect:H2}") String dialect) {
    this.query =
        new ProjectPageQuery<>(
            jdbc,
            FIELDS,
            SqlFilter.Dialect.of(dialect),
            "mlflow_logged_models",
            "creation_time DESC, id",
            LoggedModelEntity.class);
  }

  @Transactional(readOnly = true)
  public ProjectPageQuery.Result<LoggedModelEntity> find(
      UUID projectId, Filter filter, PageRequest page) {
    return query.find(projectId, filter, page);
  }
}
