package io.fathom.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.cli.error.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreTest {
  @TempDir Path tmp;

  private static final Context DEV =
      new Context("http://127.0.0.1:8080", "secret", "org", "data", "app", "intel");

  @Test
  void load_missingFile_isEmpty() {
    assertThat(new ConfigStore(tmp.resolve("none/config.json")).load())
        .isEqualTo(CliConfig.empty());
  }

  @Test
  void save_thenLoad_roundTrips() {
    ConfigStore store = new ConfigStore(tmp.resolve("fathom/config.json"));
    CliConfig config = CliConfig.empty().withContext("default", DEV);

    store.save(config);

    assertThat(store.load()).isEqualTo(config);
  }

  @Test
  void save_writesTheDocumentedShape() throws Exception {
    ConfigStore store = new ConfigStore(tmp.resolve("fathom/config.json"));

    store.save(CliConfig.empty().withContext("default", DEV));

    assertThat(Files.readString(store.file()))
        .contains("\"current\" : \"default\"")
        .contains("\"contexts\"")
        .contains("\"url\" : \"http://127.0.0.1:8080\"")
        .contains("\"intelligenceProjectId\" : \"intel\"");
  }

  @Test
  void save_isPrivate_file600_dir700() throws Exception {
    Path dir = tmp.resolve("fathom");
    ConfigStore store = new ConfigStore(dir.resolve("config.json"));

    store.save(CliConfig.empty().withContext("default", DEV));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
  }

  @Test
  void save_replacesAtomically_leavingNoTemporaryFiles() throws Exception {
    ConfigStore store = new ConfigStore(tmp.resolve("config.json"));
    store.save(CliConfig.empty().withContext("a", DEV));
    Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));

    store.save(store.load().withContext("b", DEV));

    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files).containsExactly(store.file());
    }
    assertThat(store.load().contexts()).containsOnlyKeys("a", "b");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
        .isEqualTo("rw-------");
  }

  @Test
  void load_malformedFile_namesTheFile() throws Exception {
    Path file = tmp.resolve("config.json");
    Files.writeString(file, "{not json");

    assertThatThrownBy(() -> new ConfigStore(file).load())
        .isInstanceOf(CliException.class)
        .hasMessageContaining(file.toString())
        .extracting(e -> ((CliException) e).code())
        .isEqualTo("invalid-config");
  }
}
