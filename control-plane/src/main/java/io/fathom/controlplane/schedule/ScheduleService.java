package io.fathom.controlplane.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.controlplane.call.CallMode;
import io.fathom.controlplane.call.CallService;
import io.fathom.controlplane.call.SchemaValidator;
import io.fathom.controlplane.common.ApiException;
import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.function.FunctionEntity;
import io.fathom.controlplane.function.FunctionService;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules of a function, and the ticker that fires them. Each firing is an ordinary async call
 * whose idempotency key is derived from the schedule and the firing time ({@code
 * schedule:<id>:<epoch-second>}): a restart, or two passes over the same firing, never call twice.
 */
@Singleton
public class ScheduleService {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduleService.class);
  public static final int MAX_INPUT_BYTES = 256 * 1024;

  private final ScheduleStore store;
  private final FunctionService functions;
  private final CallService calls;
  private final SchemaValidator schemas;

  public ScheduleService(
      ScheduleStore store, FunctionService functions, CallService calls, SchemaValidator schemas) {
    this.store = store;
    this.functions = functions;
    this.calls = calls;
    this.schemas = schemas;
  }

  public record Page(List<Schedule> schedules, long total) {}

  public Schedule create(
      ProjectScope scope, UUID functionId, String cron, String timezone, JsonNode input) {
    FunctionEntity function = functions.get(scope, functionId);
    CronSpec spec = CronSpec.parse(cron, timezone);
    JsonNode body =
        input == null
            ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
            : input;
    String text = body.toString();
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_INPUT_BYTES) {
      throw ApiException.tooLarge(
          "payload-too-large", "A schedule's input is at most " + MAX_INPUT_BYTES + " bytes");
    }
    schemas
        .violations(function.schemaInput(), body)
        .ifPresent(
            v -> {
              throw ApiException.unprocessable(
                  "input-schema-violation",
                  "The schedule's input does not match the function's input schema: " + v);
            });
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Schedule schedule =
        new Schedule(
            UUID.randomUUID(),
            function.projectId(),
            function.id(),
            spec.expression(),
            spec.zone().getId(),
            text,
            spec.nextAfter(now),
            now);
    store.insert(schedule);
    return schedule;
  }

  public Page list(ProjectScope scope, UUID functionId, PageRequest page) {
    functions.get(scope, functionId);
    return new Page(
        store.page(scope.projectId(), functionId, page),
        store.count(scope.projectId(), functionId));
  }

  public void delete(ProjectScope scope, UUID functionId, UUID scheduleId) {
    functions.get(scope, functionId);
    if (!store.delete(scope.projectId(), functionId, scheduleId)) {
      throw ApiException.notFound("schedule", scheduleId);
    }
  }

  /** Fires what is due. */
  @Scheduled(fixedDelay = "1s", initialDelay = "3s")
  void tick() {
    Instant now = Instant.now();
    for (Schedule s : store.due(now, 100)) {
      fire(s, now);
    }
  }

  public void fire(Schedule s, Instant now) {
    Instant at = s.nextFireAt();
    try {
      FunctionEntity function = functions.byId(s.functionId());
      calls.create(
          function,
          new CallService.CallRequest(
              s.input().getBytes(StandardCharsets.UTF_8),
              CallMode.ASYNC,
              "schedule:" + s.id() + ":" + at.getEpochSecond(),
              null,
              s.id()));
    } catch (ApiException e) {
      LOG.warn("Schedule {} could not fire at {}: {} ({})", s.id(), at, e.getMessage(), e.code());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    Instant next = CronSpec.parse(s.cron(), s.timezone()).nextAfter(now.isAfter(at) ? now : at);
    store.advance(s.id(), at, next.truncatedTo(ChronoUnit.MICROS));
  }
}
