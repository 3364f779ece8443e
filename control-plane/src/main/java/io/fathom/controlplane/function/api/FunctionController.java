package io.fathom.controlplane.function.api;

import io.fathom.controlplane.common.DataEnvelope;
import io.fathom.controlplane.common.PageEnvelope;
import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.common.filter.FilterParser;
import io.fathom.controlplane.common.filter.ProjectPageQuery;
import io.fathom.controlplane.function.FunctionEntity;
import io.fathom.controlplane.function.FunctionService;
import io.fathom.controlplane.function.api.FunctionDtos.CreateFunction;
import io.fathom.controlplane.function.api.FunctionDtos.FilterBody;
import io.fathom.controlplane.function.api.FunctionDtos.FunctionView;
import io.fathom.controlplane.function.api.FunctionDtos.UpdateFunction;
import io.fathom.controlplane.scaffold.AutoCreate;
import io.fathom.controlplane.tenancy.FromToken;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.UUID;

/** Functions of the caller's project: {@code /api/intelligence/functions/v1/functions}. */
@Controller("/api/intelligence/functions/v1/functions")
@ExecuteOn(TaskExecutors.BLOCKING)
public class FunctionController {
  private final FunctionService service;
  private final FunctionMapper mapper;
  private final AutoCreate autoCreate;

  FunctionController(FunctionService service, FunctionMapper mapper, AutoCreate autoCreate) {
    this.service = service;
    this.mapper = mapper;
    this.autoCreate = autoCreate;
  }

  @Post
  @Status(HttpStatus.CREATED)
  public DataEnvelope<FunctionView> create(
      @FromToken ProjectScope scope, @Body CreateFunction body) {
    var spec = mapper.spec(body);
    var function =
        Boolean.TRUE.equals(body.autoCreate())
            ? autoCreate.create(scope, spec)
            : service.create(scope, spec);
    return DataEnvelope.of(mapper.view(function));
  }

  @Get
  public PageEnvelope<FunctionView> list(
      @FromToken ProjectScope scope,
      @Nullable @QueryValue("page_number") Integer pageNumber,
      @Nullable @QueryValue("page_size") Integer pageSize) {
    return page(scope, null, PageRequest.of(pageNumber, pageSize));
  }

  @Post("/filter")
  public PageEnvelope<FunctionView> filter(
      @FromToken ProjectScope scope,
      @Body FilterBody body,
      @Nullable @QueryValue("page_number") Integer pageNumber,
      @Nullable @QueryValue("page_size") Integer pageSize) {
    return page(scope, body.filter(), PageRequest.of(pageNumber, pageSize));
  }

  @Get("/{id}")
  public DataEnvelope<FunctionView> get(@FromToken ProjectScope scope, UUID id) {
    return DataEnvelope.of(mapper.view(service.get(scope, id)));
  }

  @Patch("/{id}")
  public DataEnvelope<FunctionView> update(
      @FromToken ProjectScope scope, UUID id, @Body UpdateFunction body) {
    return DataEnvelope.of(mapper.view(service.update(scope, id, mapper.changes(body))));
  }

  @Delete("/{id}")
  public HttpResponse<Void> delete(@FromToken ProjectScope scope, UUID id) {
    service.delete(scope, id);
    return HttpResponse.noContent();
  }

  private PageEnvelope<FunctionView> page(
      @FromToken ProjectScope scope, @Nullable Object filter, PageRequest page) {
    ProjectPageQuery.Result<FunctionEntity> result =
        service.find(scope, FilterParser.parse(filter), page);
    return PageEnvelope.of(result.items(), page, result.total(), mapper::view);
  }
}
