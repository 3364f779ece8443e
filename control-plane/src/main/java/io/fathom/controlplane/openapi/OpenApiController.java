package io.fathom.controlplane.openapi;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.ObjectMapper;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Serves the OpenAPI document that micronaut-openapi generates from the controllers at compile
 * time: JSON by default, YAML with {@code ?format=yaml}. Public: it describes, it reveals no data.
 */
@Controller("/api/intelligence/functions/v1/openapi")
@Hidden
public class OpenApiController {
  static final String RESOURCE = "META-INF/swagger/fathom-functions-v1.yml";

  private final String yaml;
  private final String json;

  public OpenApiController(ObjectMapper mapper) {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing: was micronaut-openapi run?");
      }
      this.yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Map<String, Object> tree = new Yaml(new LoaderOptions()).load(yaml);
      this.json = mapper.writeValueAsString(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Get(produces = {MediaType.APPLICATION_JSON, MediaType.APPLICATION_YAML})
  public HttpResponse<String> document(@Nullable @QueryValue String format) {
    if ("yaml".equals(format)) {
      return HttpResponse.ok(yaml).contentType(MediaType.APPLICATION_YAML_TYPE);
    }
    return HttpResponse.ok(json).contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
