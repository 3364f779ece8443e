package io.fathom.scaffolds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders a kind's template for a function: {@code {{name}}}, {@code {{description}}} and {@code
 * {{kind}}} are substituted in every text file, and schemas the user gave replace the template's
 * {@code schema:} block in {@code func.yaml}. The result is the source tree of revision v1.
 */
public final class Scaffolder {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Scaffolder() {}

  /**
   * What to render: the function's name, description, serving settings (size, gpu or null, timeout;
   * all may be null to keep the template's) and optional schemas.
   */
  public record Request(
      String kind,
      String name,
      String description,
      Manifest.Serving serving,
      JsonNode input,
      JsonNode output) {
    public Request(String kind, String name, String description, JsonNode input, JsonNode output) {
      this(kind, name, description, null, input, output);
    }
  }

  public static List<TemplateFile> render(Request request) {
    List<TemplateFile> out = new ArrayList<>();
    for (TemplateFile file : TemplateCatalog.userFiles(request.kind())) {
      String text = new String(file.content(), StandardCharsets.UTF_8);
      boolean quoted = file.path().equals(Manifest.FILE_NAME) || file.path().endsWith(".toml");
      String description = oneLine(request.description());
      text =
          text.replace("{{name}}", request.name())
              .replace("{{kind}}", request.kind())
              .replace("{{description}}", quoted ? escapeQuoted(description) : description);
      if (file.path().equals(Manifest.FILE_NAME)) {
        if (request.serving() != null) {
          text = replaceBlock(text, "serving", serving(request.serving()));
        }
        if (request.input() != null || request.output() != null) {
          text = replaceSchemaBlock(text, request.input(), request.output());
        }
      }
      out.add(
          new TemplateFile(file.path(), text.getBytes(StandardCharsets.UTF_8), file.executable()));
    }
    return out;
  }

  /** Replaces the top-level {@code schema:} block (or appends one) with the given schemas. */
  static String replaceSchemaBlock(String yaml, JsonNode input, JsonNode output) {
    Map<String, Object> schema = new LinkedHashMap<>();
    if (input != null) {
      schema.put("input", JSON.convertValue(input, Object.class));
    }
    if (output != null) {
      schema.put("output", JSON.convertValue(output, Object.class));
    }
    return replaceBlock(yaml, "schema", schema);
  }

  private static Map<String, Object> serving(Manifest.Serving serving) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (serving.size() != null) {
      map.put("size", serving.size());
    }
    if (serving.gpu() != null) {
      map.put("gpu", serving.gpu());
    }
    if (serving.timeoutSeconds() != null) {
      map.put("timeoutSeconds", serving.timeoutSeconds());
    }
    return map;
  }

  /** Replaces the top-level block {@code key:} (or appends one) with {@code value} as YAML. */
  static String replaceBlock(String yaml, String key, Object value) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    String block = new Yaml(options).dump(Map.of(key, value));
    List<String> lines = new ArrayList<>(List.of(yaml.split("\n", -1)));
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(key + ":")) {
        start = i;
        break;
      }
    }
    if (start < 0) {
      return (yaml.endsWith("\n") ? yaml : yaml + "\n") + block;
    }
    int end = start + 1;
    while (end < lines.size()
        && (lines.get(end).isEmpty()
            || Character.isWhitespace(lines.get(end).charAt(0))
            || lines.get(end).startsWith("#"))) {
      end++;
    }
    // Keep trailing blank/comment lines that belong to the next block out of the replacement.
    while (end > start + 1
        && (lines.get(end - 1).isBlank() || lines.get(end - 1).startsWith("#"))) {
      end--;
    }
    List<String> result = new ArrayList<>(lines.subList(0, start));
    result.addAll(List.of(block.stripTrailing().split("\n")));
    result.addAll(lines.subList(end, lines.size()));
    return String.join("\n", result);
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replace('\r', ' ').replace('\n', ' ');
  }

  private static String escapeQuoted(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
