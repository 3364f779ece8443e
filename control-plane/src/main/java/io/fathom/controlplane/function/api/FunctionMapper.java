package io.fathom.controlplane.function.api;

import io.fathom.controlplane.function.FunctionChanges;
import io.fathom.controlplane.function.FunctionEntity;
import io.fathom.controlplane.function.FunctionSecrets;
import io.fathom.controlplane.function.FunctionService;
import io.fathom.controlplane.function.FunctionSpec;
import io.fathom.controlplane.function.api.FunctionDtos.CreateFunction;
import io.fathom.controlplane.function.api.FunctionDtos.FunctionView;
import io.fathom.controlplane.function.api.FunctionDtos.SchemaBody;
import io.fathom.controlplane.function.api.FunctionDtos.SchemaView;
import io.fathom.controlplane.function.api.FunctionDtos.ServingBody;
import io.fathom.controlplane.function.api.FunctionDtos.ServingView;
import io.fathom.controlplane.function.api.FunctionDtos.UpdateFunction;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/** Converts between the functions API's wire shapes and the service's types. */
@Singleton
class FunctionMapper {
  static final String SEALED = "********";

  private final FunctionService service;
  private final FunctionSecrets secrets;
  private final ObjectMapper json;

  FunctionMapper(FunctionService service, FunctionSecrets secrets, ObjectMapper json) {
    this.service = service;
    this.secrets = secrets;
    this.json = json;
  }

  FunctionSpec spec(CreateFunction body) {
    ServingBody serving =
        body.serving() == null ? new ServingBody(null, null, null, null) : body.serving();
    SchemaBody schema = body.schema() == null ? new SchemaBody(null, null) : body.schema();
    return new FunctionSpec(
        body.name(),
        body.description(),
        body.kind(),
        serving.size(),
        serving.gpu(),
        serving.timeoutSeconds(),
        serving.minInstances(),
        body.buildEnv(),
        body.servingEnv(),
        body.servingSecrets(),
        body.buildSecrets(),
        text(schema.input()),
        text(schema.output()));
  }

  FunctionChanges changes(UpdateFunction body) {
    ServingBody serving =
        body.serving() == null ? new ServingBody(null, null, null, null) : body.serving();
    SchemaBody schema = body.schema() == null ? new SchemaBody(null, null) : body.schema();
    return new FunctionChanges(
        body.name(),
        body.description(),
        serving.size(),
        serving.gpu(),
        serving.timeoutSeconds(),
        serving.minInstances(),
        body.buildEnv(),
        body.servingEnv(),
        body.servingSecrets(),
        body.buildSecrets(),
        text(schema.input()),
        text(schema.output()));
  }

  FunctionView view(FunctionEntity f) {
    FunctionSecrets.Values sealed = secrets.open(f.sealedSecrets());
    return new FunctionView(
        f.id(),
        f.organizationId(),
        f.projectId(),
        f.userId(),
        f.name(),
        f.description(),
        f.kind(),
        new ServingView(
            f.servingSize(), f.servingGpu(), f.servingTimeoutSeconds(), f.minInstances()),
        service.read(f.buildEnv()),
        service.read(f.servingEnv()),
        masked(sealed.serving()),
        masked(sealed.build()),
        new SchemaView(node(f.schemaInput()), node(f.schemaOutput())),
        f.latestRevision() == 0 ? null : "v" + f.latestRevision(),
        f.createdAt(),
        f.updatedAt());
  }

  private static Map<String, String> masked(Map<String, String> secrets) {
    Map<String, String> out = new TreeMap<>();
    secrets.keySet().forEach(k -> out.put(k, SEALED));
    return out;
  }

  private @Nullable String text(@Nullable JsonNode node) {
    if (node == null) {
      return null;
    }
    try {
      return json.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private @Nullable JsonNode node(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return json.readValue(text, JsonNode.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
