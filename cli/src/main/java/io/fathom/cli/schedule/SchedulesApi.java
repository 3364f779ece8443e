package io.fathom.cli.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fathom.cli.http.ApiClient;
import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.http.Json;
import java.util.Map;

/** A function's schedules ({@code …/functions/{id}/schedules}). */
final class SchedulesApi {
  private final ApiClient api;

  SchedulesApi(ApiClient api) {
    this.api = api;
  }

  ApiResponse create(String functionId, String cron, String timezone, JsonNode input) {
    ObjectNode body = Json.object().put("cron", cron).put("timezone", timezone);
    body.set("input", input);
    return api.post(schedules(functionId), Map.of(), body);
  }

  ApiResponse list(String functionId, Map<String, String> page) {
    return api.get(schedules(functionId), page);
  }

  void delete(String functionId, String scheduleId) {
    api.delete(schedules(functionId) + "/" + ApiClient.segment(scheduleId));
  }

  private static String schedules(String functionId) {
    return "/api/intelligence/functions/v1/functions/"
        + ApiClient.segment(functionId)
        + "/schedules";
  }
}
