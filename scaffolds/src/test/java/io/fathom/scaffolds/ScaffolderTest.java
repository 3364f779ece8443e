package io.fathom.scaffolds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScaffolderTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"python310", "go124", "rust189", "rust186", "jvm21"})
  void everyTemplate_rendersAValidManifestForTheFunction(String kind) throws Exception {
    List<TemplateFile> files =
        Scaffolder.render(new Scaffolder.Request(kind, "my-fn", "Says \"hello\"", null, null));

    TemplateFile manifest = find(files, "func.yaml");
    Manifest m = ManifestReader.read(new String(manifest.content(), StandardCharsets.UTF_8));
    assertThat(m.name()).isEqualTo("my-fn");
    assertThat(m.kind()).isEqualTo(kind);
    assertThat(m.description()).isEqualTo("Says \"hello\"");
    assertThat(files).extracting(TemplateFile::path).noneMatch(p -> p.startsWith("scaffolding/"));
    assertThat(files)
        .allSatisfy(
            f -> assertThat(new String(f.content(), StandardCharsets.UTF_8)).doesNotContain("{{"));
    assertThat(files)
        .extracting(TemplateFile::path)
        .anyMatch(p -> p.toLowerCase().startsWith("readme"));
  }

  @Test
  void python310_hasTheDocumentedTree() {
    List<String> paths =
        Scaffolder.render(new Scaffolder.Request("python310", "test1", "Just testing", null, null))
            .stream()
            .map(TemplateFile::path)
            .toList();
    assertThat(paths)
        .contains(
            "func.yaml",
            "function/__init__.py",
            "function/func.py",
            "pyproject.toml",
            "README.md",
            "tests/test_func.py");
  }

  @Test
  void render_withSchemas_replacesTheTemplatesSchemaBlock() throws Exception {
    var input = JSON.readTree("{\"type\":\"object\",\"required\":[\"city\"]}");
    var output = JSON.readTree("{\"type\":\"object\",\"required\":[\"forecast\"]}");
    List<TemplateFile> files =
        Scaffolder.render(new Scaffolder.Request("python310", "weather", "d", input, output));
    Manifest m =
        ManifestReader.read(new String(find(files, "func.yaml").content(), StandardCharsets.UTF_8));
    assertThat(m.schemaInput()).isEqualTo(input);
    assertThat(m.schemaOutput()).isEqualTo(output);
    assertThat(m.entryPoint()).isNotNull();
  }

  @Test
  void replaceSchemaBlock_keepsTheFieldsAfterIt() throws Exception {
    String yaml =
        "specVersion: \"1\"\nname: a\nkind: go124\nschema:\n  input:\n    type: string\n\n# entry\nentryPoint: x\n";
    String out = Scaffolder.replaceSchemaBlock(yaml, JSON.readTree("{\"type\":\"integer\"}"), null);
    Manifest m = ManifestReader.read(out);
    assertThat(m.schemaInput().get("type").asText()).isEqualTo("integer");
    assertThat(m.entryPoint()).isEqualTo("x");
  }

  @Test
  void unknownKind_listsTheKnownOnes() {
    assertThatThrownBy(() -> TemplateCatalog.userFiles("cobol"))
        .hasMessageContaining("python310, go124, rust189, rust186, jvm21");
  }

  private static TemplateFile find(List<TemplateFile> files, String path) {
    return files.stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
  }
}
