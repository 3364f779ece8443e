package io.fathom.controlplane.ml.deployments;

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

/** Lists and filters a project's model deployments with the platform filter language. */
@Singleton
public class MlDeploymentQueries {
  public static final List<FilterField> FIELDS =
      List.of(
          new FilterField("id", "id", Type.UUID),
          new FilterField("name", "name", Type.STRING),
          new FilterField("description", "description", Type.STRING),
          new FilterField("status", "status", Type.STRING),
          new FilterField("state", "state", Type.STRING),
          new FilterField("serving.size", "serving_size", Type.STRING),
          new FilterField("serving.gpu", "serving_gpu", Type.STRING));

  private final ProjectPageQuery<MlDeploymentEntity> query;

  public MlDeploymentQueries(
      JdbcOperations jdbc, @Value("${datasources.default.dialect:H2}") String dialect) {
    this.query =
        new ProjectPageQuery<>(
            jdbc,
            FIELDS,
            SqlFilter.Dialect.of(dialect),
            "ml_deployments",
            "created_at DESC, id",
            MlDeploymentEntity.class);
  }

  @Transactional(readOnly = true)
  public ProjectPageQuery.Result<MlDeploymentEntity> find(
      UUID projectId, Filter filter, PageRequest page) {
    return query.find(projectId, filter, page);
  }
}
