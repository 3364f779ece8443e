package io.fathom.controlplane.schedule.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fathom.controlplane.common.ApiException;
import io.fathom.controlplane.common.DataEnvelope;
import io.fathom.controlplane.common.PageEnvelope;
import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.schedule.Schedule;
import io.fathom.controlplane.schedule.ScheduleService;
import io.fathom.controlplane.tenancy.FromToken;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/** Schedules that call a function on a cron: create, list, delete. */
@Controller("/api/intelligence/functions/v1/functions/{id}/schedules")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ScheduleController {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ScheduleService schedules;

  ScheduleController(ScheduleService schedules) {
    this.schedules = schedules;
  }

  @Serdeable
  public record CreateSchedule(
      @Nullable String cron, @Nullable String timezone, @Nullable Object input) {}

  @Serdeable
  public record ScheduleView(
      String id,
      String functionId,
      String cron,
      String timezone,
      Object input,
      Instant nextFireAt,
      Instant createdAt) {
    static ScheduleView of(Schedule s) {
      try {
        return new ScheduleView(
            s.id().toString(),
            s.functionId().toString(),
            s.cron(),
            s.timezone(),
            JSON.readValue(s.input(), Object.class),
            s.nextFireAt(),
            s.createdAt());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Post
  public HttpResponse<DataEnvelope<ScheduleView>> create(
      @FromToken ProjectScope scope, UUID id, @Nullable @Body CreateSchedule body) {
    if (body == null) {
      throw ApiException.badRequest("invalid-json", "The body must be {cron, timezone, input}");
    }
    JsonNode input = body.input() == null ? null : JSON.valueToTree(body.input());
    Schedule created = schedules.create(scope, id, body.cron(), body.timezone(), input);
    return HttpResponse.created(DataEnvelope.of(ScheduleView.of(created)));
  }

  @Get
  public PageEnvelope<ScheduleView> list(
      @FromToken ProjectScope scope,
      UUID id,
      @Nullable @QueryValue("page_number") Integer pageNumber,
      @Nullable @QueryValue("page_size") Integer pageSize) {
    PageRequest page = PageRequest.of(pageNumber, pageSize);
    ScheduleService.Page found = schedules.list(scope, id, page);
    return PageEnvelope.of(found.schedules(), page, found.total(), ScheduleView::of);
  }

  @Delete("/{scheduleId}")
  public HttpResponse<Void> delete(@FromToken ProjectScope scope, UUID id, UUID scheduleId) {
    schedules.delete(scope, id, scheduleId);
    return HttpResponse.status(HttpStatus.NO_CONTENT);
  }
}
