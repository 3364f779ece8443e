package io.fathom.scaffolds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ManifestReaderTest {
  static final String VALID =
      """
      specVersion: "1"
      name: test1
      kind: python310
      description: "Just testing"
      serving:
        size: small
        gpu: nvidia-l4
        timeoutSeconds: 120
      buildEnv:
        PIP_INDEX_URL: http://mirror
      servingEnv:
        MODE: fast
        RETRIES: 3
      schema:
        input:
          type: object
          required: [name]
        output:
          type: object
      entryPoint: function.func:main
      """;

  @Test
  void read_validManifest_givesEveryField() throws Exception {
    Manifest m = ManifestReader.read(VALID);
    assertThat(m.name()).isEqualTo("test1");
    assertThat(m.kind()).isEqualTo("python310");
    assertThat(m.description()).isEqualTo("Just testing");
    assertThat(m.serving()).isEqualTo(new Manifest.Serving("small", "nvidia-l4", 120));
    assertThat(m.buildEnv()).containsEntry("PIP_INDEX_URL", "http://mirror");
    assertThat(m.servingEnv()).containsEntry("MODE", "fast").containsEntry("RETRIES", "3");
    assertThat(m.schemaInput().get("required").get(0).asText()).isEqualTo("name");
    assertThat(m.schemaOutput().get("type").asText()).isEqualTo("object");
    assertThat(m.entryPoint()).isEqualTo("function.func:main");
  }

  @Test
  void read_minimalManifest() throws Exception {
    Manifest m = ManifestReader.read("specVersion: \"1\"\nname: x\nkind: go124\n");
    assertThat(m.serving()).isEqualTo(new Manifest.Serving(null, null, null));
    assertThat(m.schemaInput()).isNull();
    assertThat(m.buildEnv()).isEmpty();
  }

  @Test
  void read_wrongType_namesTheFieldAndLine() {
    String yaml = VALID.replace("timeoutSeconds: 120", "timeoutSeconds: sixty");
    assertThatThrownBy(() -> ManifestReader.read(yaml))
        .isInstanceOfSatisfying(
            ManifestException.class,
            e -> {
              assertThat(e.field()).isEqualTo("serving.timeoutSeconds");
              assertThat(e.line()).isEqualTo(8);
              assertThat(e.getMessage()).startsWith("func.yaml line 8 (serving.timeoutSeconds): ");
            });
  }

  @Test
  void read_unknownKind_listsTheKnownKinds() {
    String yaml = VALID.replace("kind: python310", "kind: cobol");
    assertThatThrownBy(() -> ManifestReader.read(yaml))
        .isInstanceOfSatisfying(
            ManifestException.class,
            e -> {
              assertThat(e.field()).isEqualTo("kind");
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.getMessage())
                  .contains("python310")
                  .contains("go124")
                  .contains("rust189")
                  .contains("rust186")
                  .contains("jvm21");
            });
  }

  @Test
  void read_missingName_saysItIsRequired() {
    assertThatThrownBy(() -> ManifestReader.read("specVersion: \"1\"\nkind: go124\n"))
        .isInstanceOfSatisfying(
            ManifestException.class,
            e -> {
              assertThat(e.field()).isEqualTo("name");
              assertThat(e.getMessage()).contains("is required");
            });
  }

  @Test
  void read_unknownField_isRefusedWithItsLine() {
    String yaml = VALID + "kinde: python310\n";
    assertThatThrownBy(() -> ManifestReader.read(yaml))
        .isInstanceOfSatisfying(
            ManifestException.class,
            e -> {
              assertThat(e.field()).isEqualTo("kinde");
              assertThat(e.getMessage()).contains("not a known field");
            });
  }

  @Test
  void read_badEnvKey_isRefused() {
    String yaml = VALID.replace("MODE: fast", "1MODE: fast");
    assertThatThrownBy(() -> ManifestReader.read(yaml))
        .isInstanceOfSatisfying(
            ManifestException.class, e -> assertThat(e.field()).startsWith("servingEnv"));
  }

  @Test
  void read_invalidYaml_namesTheLine() {
    assertThatThrownBy(
            () -> ManifestReader.read("specVersion: \"1\"\nname: [unclosed\nkind: go124\n"))
        .isInstanceOfSatisfying(
            ManifestException.class,
            e -> {
              assertThat(e.line()).isGreaterThan(0);
              assertThat(e.getMessage()).contains("not valid YAML");
            });
  }

  @Test
  void read_duplicateKeys_areRefused() {
    assertThatThrownBy(
            () -> ManifestReader.read("specVersion: \"1\"\nname: a\nname: b\nkind: go124\n"))
        .isInstanceOf(ManifestException.class);
  }

  @Test
  void read_emptyOrScalar_isRefused() {
    assertThatThrownBy(() -> ManifestReader.read("")).isInstanceOf(ManifestException.class);
    assertThatThrownBy(() -> ManifestReader.read("just a string\n"))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("mapping");
  }
}
