package io.fathom.controlplane.scaffold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fathom.controlplane.function.FunctionEntity;
import io.fathom.controlplane.function.FunctionService;
import io.fathom.controlplane.function.FunctionSpec;
import io.fathom.controlplane.source.SourceService;
import io.fathom.controlplane.source.archive.SourceEntry;
import io.fathom.controlplane.source.archive.SourceTree;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.fathom.scaffolds.Manifest;
import io.fathom.scaffolds.Scaffolder;
import io.fathom.scaffolds.TemplateFile;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code autoCreate}: creates the function, renders its kind's template for it and stores the tree
 * as revision v1. If storing fails the function is removed again, so a client never sees a
 * half-made function.
 */
@Singleton
public class AutoCreate {
  private static final Logger LOG = LoggerFactory.getLogger(AutoCreate.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FunctionService functions;
  private final SourceService sources;

  public AutoCreate(FunctionService functions, SourceService sources) {
    this.functions = functions;
    this.sources = sources;
  }

  public FunctionEntity create(ProjectScope scope, FunctionSpec spec) {
    FunctionEntity function = functions.create(scope, spec);
    try {
      List<TemplateFile> files =
          Scaffolder.render(
              new Scaffolder.Request(
                  function.kind(),
                  function.name(),
                  function.description(),
                  new Manifest.Serving(
                      function.servingSize(),
                      function.servingGpu(),
                      function.servingTimeoutSeconds()),
                  json(function.schemaInput()),
                  json(function.schemaOutput())));
      SourceTree tree =
          SourceTree.of(
              files.stream()
                  .map(f -> SourceEntry.file(f.path(), f.content(), f.executable()))
                  .toList());
      sources.store(scope, function.id(), tree);
      LOG.info("Scaffolded function {} from the {} template as v1", function.id(), function.kind());
      return functions.get(scope, function.id());
    } catch (RuntimeException e) {
      functions.delete(scope, function.id());
      throw e;
    }
  }

  private static JsonNode json(String text) {
    try {
      return text == null ? null : JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
