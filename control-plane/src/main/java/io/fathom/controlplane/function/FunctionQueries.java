package io.fathom.controlplane.function;

import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.common.filter.Filter;
import io.fathom.controlplane.common.filter.FilterField;
import io.fathom.controlplane.common.filter.FilterField.Type;
import io.fathom.controlplane.common.filter.ProjectPageQuery;
import io.fathom.controlplane.common.filter.SqlFilter;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/** Lists and filters a project's functions with the platform filter language, a page at a time. */
@Singleton
public class FunctionQueries {
  /** The paths clients may filter on, and their columns. */
  public static final List<FilterField> FIELDS =
      List.of(
          new FilterField("id", "id", Type.UUID),
          new FilterField("name", "name", Type.STRING),
          new FilterField("description", "description", Type.STRING),
          new FilterField("kind", "kind", Type.STRING),
          new FilterField("serving.size", "serving_size", Type.STRING),
          new FilterField("serving.gpu", "serving_gpu", Type.STRING),
          new FilterField("serving.timeoutSeconds", "serving_timeout_seconds", Type.INTEGER),
          new FilterField("userId", "user_id", Type.UUID),
          new FilterField("createdAt", "created_at", Type.TIMESTAMP),
          new FilterField("updatedAt", "updated_at", Type.TIMESTAMP));

  private final ProjectPageQuery<FunctionEntity> query;

  public FunctionQueries(
      JdbcOperations jdbc, @Value("${datasources.default.dialect:H2}") String dialect) {
    this.query =
        new ProjectPageQuery<>(
            jdbc,
            FIELDS,
            SqlFilter.Dialect.of(dialect),
            "functions",
            "created_at, id",
            FunctionEntity.class);
  }

  @Transactional(readOnly = true)
  public ProjectPageQuery.Result<FunctionEntity> find(
      UUID projectId, Filter filter, PageRequest page) {
    return query.find(projectId, filter, page);
  }
}
