package io.fathom.builder.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.builder.api.BuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeStagerTest {
  @TempDir Path dir;

  private Path tree(String name, String content) throws Exception {
    Path tree = dir.resolve(name);
    Files.createDirectories(tree.resolve("function"));
    Files.writeString(tree.resolve("function/func.py"), content);
    Files.writeString(tree.resolve("run.sh"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(
        tree.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    return tree;
  }

  @Test
  void stage_sameContentAnywhereGivesTheSameDigestAndDirectory() throws Exception {
    TreeStager stager = new TreeStager(dir.resolve("staged"));
    Path a = tree("a", "x = 1\n");
    Path b = tree("b", "x = 1\n");
    Files.setLastModifiedTime(b.resolve("function/func.py"), FileTime.fromMillis(123_000));

    StagedTree first = stager.stage(a);
    StagedTree second = stager.stage(b);

    assertThat(second.digest()).isEqualTo(first.digest()).startsWith("sha256:");
    assertThat(second.root()).isEqualTo(first.root());
    assertThat(Files.getLastModifiedTime(first.root().resolve("function/func.py")).toInstant())
        .isEqualTo(StagedTree.FIXED_TIME);
    assertThat(first.entries())
        .extracting(StagedTree.Entry::path)
        .containsExactly("function", "function/func.py", "run.sh");
    assertThat(first.entries().get(2).executable()).isTrue();
    assertThat(first.entries().get(1).executable()).isFalse();
  }

  @Test
  void stage_changedContentOrModeGivesAnotherDigest() throws Exception {
    TreeStager stager = new TreeStager(dir.resolve("staged"));
    StagedTree first = stager.stage(tree("a", "x = 1\n"));
    StagedTree changed = stager.stage(tree("b", "x = 2\n"));
    Path c = tree("c", "x = 1\n");
    Files.setPosixFilePermissions(
        c.resolve("run.sh"), PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(changed.digest()).isNotEqualTo(first.digest());
    assertThat(stager.stage(c).digest()).isNotEqualTo(first.digest());
  }

  @Test
  void stage_refusesLinks() throws Exception {
    Path a = tree("a", "x = 1\n");
    Files.createSymbolicLink(a.resolve("etc"), Path.of("/etc"));

    assertThatThrownBy(() -> new TreeStager(dir.resolve("staged")).stage(a))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("invalid-source"))
        .hasMessageContaining("etc");
  }

  @Test
  void stageResource_stagesTheShimCarriedInTheJar() throws Exception {
    StagedTree shim =
        new TreeStager(dir.resolve("staged")).stageResource(Python310Strategy.SHIM_RESOURCE);

    assertThat(shim.entries())
        .extracting(StagedTree.Entry::path)
        .contains("__main__.py", "server.py");
  }
}
