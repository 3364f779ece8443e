package io.fathom.cli.schedule;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** A schedule of a function as the API returns it. */
@JsonIgnoreProperties(ignoreUnknown = true)
record ScheduleInfo(
    String id,
    String functionId,
    String cron,
    String timezone,
    JsonNode input,
    String nextFireAt,
    String createdAt) {}
