package io.fathom.controlplane.call.api;

import io.fathom.controlplane.call.Call;
import io.fathom.controlplane.call.CallMode;
import io.fathom.controlplane.call.CallService;
import io.fathom.controlplane.call.CallStatus;
import io.fathom.controlplane.call.CallStore;
import io.fathom.controlplane.common.ApiException;
import io.fathom.controlplane.common.DataEnvelope;
import io.fathom.controlplane.common.PageEnvelope;
import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.tenancy.FromToken;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Calls of a function: make one (sync or async), list, read. */
@Controller("/api/intelligence/functions/v1/functions/{id}/calls")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CallController {
  private final CallService calls;

  CallController(CallService calls) {
    this.calls = calls;
  }

  /**
   * Calls the function with the body as its input. Sync (default): 200 with the ended call and its
   * output. Async: 202 with the queued call.
   */
  @Post(consumes = {"application/json", "text/plain", "application/octet-stream"})
  public HttpResponse<DataEnvelope<CallDtos.CallView>> create(
      @FromToken ProjectScope scope,
      UUID id,
      @Nullable @QueryValue String mode,
      @Nullable @Header("Idempotency-Key") String idempotencyKey,
      @Nullable @Header("X-Fathom-Timeout-Seconds") String timeout,
      @Nullable @Body byte[] body)
      throws InterruptedException {
    CallMode callMode = CallMode.parse(mode);
    Call call =
        calls.create(
            scope,
            id,
            new CallService.CallRequest(
                body == null ? new byte[0] : body,
                callMode,
                idempotencyKey,
                seconds(timeout),
                null));
    DataEnvelope<CallDtos.CallView> view = DataEnvelope.of(CallDtos.CallView.of(call));
    return call.status().isEnded() ? HttpResponse.ok(view) : HttpResponse.accepted().body(view);
  }

  /** The function's calls, newest first; {@code status}, {@code since}, {@code until} filter. */
  @Get
  public PageEnvelope<CallDtos.CallView> list(
      @FromToken ProjectScope scope,
      UUID id,
      @Nullable @QueryValue String status,
      @Nullable @QueryValue String since,
      @Nullable @QueryValue String until,
      @Nullable @QueryValue("page_number") Integer pageNumber,
      @Nullable @QueryValue("page_size") Integer pageSize)
      throws InterruptedException {
    PageRequest page = PageRequest.of(pageNumber, pageSize);
    CallStatus wanted;
    try {
      wanted = status == null || status.isBlank() ? null : CallStatus.fromWire(status);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid-status", e.getMessage());
    }
    CallService.Page found =
        calls.list(
            scope,
            id,
            new CallStore.Query(wanted, time("since", since), time("until", until)),
            page);
    return PageEnvelope.of(found.calls(), page, found.total(), CallDtos.CallView::of);
  }

  @Get("/{callId}")
  public DataEnvelope<CallDtos.CallView> get(@FromToken ProjectScope scope, UUID id, UUID callId) {
    return DataEnvelope.of(CallDtos.CallView.of(calls.get(scope, id, callId)));
  }

  private static Integer seconds(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Integer.parseInt(header.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "invalid-timeout", "X-Fathom-Timeout-Seconds must be a whole number of seconds");
    }
  }

  static Instant time(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "invalid-time", name + " must be an ISO-8601 UTC time such as 2026-11-23T08:00:00Z");
    }
  }
}
