package io.fathom.controlplane.function;

import io.fathom.controlplane.common.ApiException;
import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.common.filter.Filter;
import io.fathom.controlplane.common.filter.ProjectPageQuery;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates, reads, changes and deletes functions, always inside one project. */
@Singleton
public class FunctionService {
  public static final int MAX_DESCRIPTION = 2000;
  private static final Logger LOG = LoggerFactory.getLogger(FunctionService.class);

  private final FunctionRepository functions;
  private final FunctionQueries queries;
  private final FunctionSecrets secrets;
  private final JsonSchemas schemas;
  private final ObjectMapper json;
  private final ApplicationEventPublisher<FunctionDeleted> stopping;
  private final FunctionCache cache;

  public FunctionService(
      FunctionRepository functions,
      FunctionQueries queries,
      FunctionSecrets secrets,
      JsonSchemas schemas,
      ObjectMapper json,
      ApplicationEventPublisher<FunctionDeleted> stopping,
      FunctionCache cache) {
    this.stopping = stopping;
    this.cache = cache;
    this.functions = functions;
    this.queries = queries;
    this.secrets = secrets;
    this.schemas = schemas;
    this.json = json;
  }

  @Transactional
  public FunctionEntity create(ProjectScope scope, FunctionSpec spec) {
    FunctionName name = new FunctionName(spec.name());
    String description = description(spec.description(), true);
    FunctionKind kind = FunctionKind.parse(required(spec.kind(), "kind"));
    Serving serving =
        new Serving(
            ServingSize.parse(required(spec.servingSize(), "serving.size")),
            spec.servingGpu() == null ? null : ServingGpu.parse(spec.servingGpu()),
            spec.timeoutSeconds() == null ? Serving.DEFAULT_TIMEOUT_SECONDS : spec.timeoutSeconds(),
            spec.minInstances() == null ? 0 : spec.minInstances());
    EnvVars buildEnv = EnvVars.of("buildEnv", spec.buildEnv());
    EnvVars servingEnv = EnvVars.of("servingEnv", spec.servingEnv());
    var sealed =
        new FunctionSecrets.Values(
            EnvVars.of("servingSecrets", spec.servingSecrets()).values(),
            EnvVars.of("buildSecrets", spec.buildSecrets()).values());
    String input =
        spec.schemaInput() == null ? null : schemas.check("schema.input", spec.schemaInput());
    String output =
        spec.schemaOutput() == null ? null : schemas.check("schema.output", spec.schemaOutput());
    if (functions.existsByProjectIdAndName(scope.projectId(), name.value())) {
      throw nameTaken(name.value());
    }
    Instant now = now();
    FunctionEntity entity =
        new FunctionEntity(
            UUID.randomUUID(),
            scope.organizationId(),
            scope.projectId(),
            scope.userId(),
            name.value(),
            description,
            kind.wire(),
            serving.size().wire(),
            serving.gpu() == null ? null : serving.gpu().wire(),
            serving.timeoutSeconds(),
            serving.minInstances(),
            write(buildEnv.values()),
            write(servingEnv.values()),
            secrets.seal(sealed),
            input,
            output,
            0,
            now,
            now);
    try {
      FunctionEntity saved = functions.save(entity);
      LOG.info(
          "Created function {} ({}) in project {}", saved.id(), saved.kind(), scope.projectId());
      return saved;
    } catch (DataAccessException e) {
      throw nameTaken(name.value());
    }
  }

  /** A function by id alone, for the platform's own work (auto-deploy, schedules). */
  @Transactional(readOnly = true)
  public FunctionEntity byId(UUID id) {
    return functions.findById(id).orElseThrow(() -> ApiException.notFound("function", id));
  }

  @Transactional(readOnly = true)
  public FunctionEntity get(ProjectScope scope, UUID id) {
    return functions
        .findByIdAndProjectId(id, scope.projectId())
        .orElseThrow(() -> ApiException.notFound("function", id));
  }

  public ProjectPageQuery.Result<FunctionEntity> find(
      ProjectScope scope, Filter filter, PageRequest page) {
    return queries.find(scope.projectId(), filter, page);
  }

  @Transactional
  public FunctionEntity update(ProjectScope scope, UUID id, FunctionChanges changes) {
    FunctionEntity current = get(scope, id);
    String name = current.name();
    if (changes.name() != null && !changes.name().equals(current.name())) {
      name = new FunctionName(changes.name()).value();
      if (functions.existsByProjectIdAndName(scope.projectId(), name)) {
        throw nameTaken(name);
      }
    }
    String description =
        changes.description() == null
            ? current.description()
            : description(changes.description(), false);
    ServingSize size =
        changes.servingSize() == null
            ? ServingSize.parse(current.servingSize())
            : ServingSize.parse(changes.servingSize());
    String gpuWire = changes.servingGpu() == null ? current.servingGpu() : changes.servingGpu();
    ServingGpu gpu =
        gpuWire == null || gpuWire.equals(ServingGpu.NONE) ? null : ServingGpu.parse(gpuWire);
    Serving serving =
        new Serving(
            size,
            gpu,
            changes.timeoutSeconds() == null
                ? current.servingTimeoutSeconds()
                : changes.timeoutSeconds(),
            changes.minInstances() == null ? current.minInstances() : changes.minInstances());
    EnvVars buildEnv =
        EnvVars.of("buildEnv", read(current.buildEnv())).merge("buildEnv", changes.buildEnv());
    EnvVars servingEnv =
        EnvVars.of("servingEnv", read(current.servingEnv()))
            .merge("servingEnv", changes.servingEnv());
    FunctionSecrets.Values old = secrets.open(current.sealedSecrets());
    var sealed =
        new FunctionSecrets.Values(
            EnvVars.of("servingSecrets", old.serving())
                .merge("servingSecrets", changes.servingSecrets())
                .values(),
            EnvVars.of("buildSecrets", old.build())
                .merge("buildSecrets", changes.buildSecrets())
                .values());
    String input =
        changes.schemaInput() == null
            ? current.schemaInput()
            : schemas.check("schema.input", changes.schemaInput());
    String output =
        changes.schemaOutput() == null
            ? current.schemaOutput()
            : schemas.check("schema.output", changes.schemaOutput());
    FunctionEntity updated =
        new FunctionEntity(
            current.id(),
            current.organizationId(),
            current.projectId(),
            current.userId(),
            name,
            description,
            current.kind(),
            serving.size().wire(),
            serving.gpu() == null ? null : serving.gpu().wire(),
            serving.timeoutSeconds(),
            serving.minInstances(),
            write(buildEnv.values()),
            write(servingEnv.values()),
            secrets.seal(sealed),
            input,
            output,
            current.latestRevision(),
            current.createdAt(),
            now());
    cache.forget(id);
    try {
      return functions.update(updated);
    } catch (DataAccessException e) {
      throw nameTaken(name);
    }
  }

  @Transactional
  public void delete(ProjectScope scope, UUID id) {
    FunctionEntity entity = get(scope, id);
    stopping.publishEvent(new FunctionDeleted(id));
    cache.forget(id);
    functions.delete(entity);
    LOG.info("Deleted function {} in project {}", id, scope.projectId());
  }

  public Map<String, String> read(String jsonMap) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, String> map = json.readValue(jsonMap, Map.class);
      return map;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String write(Map<String, String> map) {
    try {
      return json.writeValueAsString(map);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String description(@Nullable String description, boolean required) {
    if (description == null || (required && description.isBlank())) {
      throw ApiException.badRequest("invalid-description", "description is required");
    }
    if (description.length() > MAX_DESCRIPTION) {
      throw ApiException.badRequest(
          "invalid-description", "description is longer than " + MAX_DESCRIPTION + " characters");
    }
    return description;
  }

  private static String required(@Nullable String value, String field) {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest("invalid-" + field.replace('.', '-'), field + " is required");
    }
    return value;
  }

  private static ApiException nameTaken(String name) {
    return ApiException.conflict(
        "function-name-taken", "A function named '" + name + "' already exists in this project");
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
