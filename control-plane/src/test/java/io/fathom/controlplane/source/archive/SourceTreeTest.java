package io.fathom.controlplane.source.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceTreeTest {

  @Test
  void of_sortsEntriesByPathInCodePointOrder() {
    SourceTree tree =
        SourceTree.of(
            List.of(
                file("b.txt", "b"),
                file("a/z.txt", "z"),
                file("a-b.txt", "-"),
                file("é.txt", "e"),
                file("Z.txt", "Z")));

    assertThat(tree.entries())
        .extracting(SourceEntry::path)
        .containsExactly("Z.txt", "a-b.txt", "a/z.txt", "b.txt", "é.txt");
  }

  @Test
  void of_rejectsTheSamePathTwice() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SourceTree.of(List.of(file("a", "1"), SourceEntry.symlink("a", "b"))))
        .withMessageContaining("'a'");
  }

  @Test
  void countsFilesEntriesAndBytes() {
    SourceTree tree =
        SourceTree.of(List.of(file("a", "123"), file("b", "45"), SourceEntry.symlink("c", "a")));

    assertThat(tree.fileCount()).isEqualTo(2);
    assertThat(tree.size()).isEqualTo(3);
    assertThat(tree.totalBytes()).isEqualTo(5);
  }

  @Test
  void find_returnsTheEntryAtAnExactPath() {
    SourceTree tree = SourceTree.of(List.of(file("src/a.py", "x")));

    assertThat(tree.find("src/a.py")).contains(file("src/a.py", "x"));
    assertThat(tree.find("src")).isEmpty();
    assertThat(tree.find("./src/a.py")).isEmpty();
  }

  @Test
  void entries_cannotBeModified() {
    SourceTree tree = SourceTree.of(List.of(file("a", "x")));

    assertThat(tree.entries()).isUnmodifiable();
  }

  @Test
  void equals_comparesEntriesIncludingContent() {
    assertThat(SourceTree.of(List.of(file("a", "x"))))
        .isEqualTo(SourceTree.of(List.of(file("a", "x"))))
        .isNotEqualTo(SourceTree.of(List.of(file("a", "y"))));
  }

  @Test
  void sourceEntry_copiesContentInAndOut() {
    byte[] content = "abc".getBytes(UTF_8);
    SourceEntry entry = SourceEntry.file("a", content, false);

    content[0] = 'X';
    entry.content()[1] = 'Y';

    assertThat(entry.content()).isEqualTo("abc".getBytes(UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/a", "a/", "./a", "a//b", "a/../b", "..", "a\\b", "C:/a", "a\nb"})
  void sourceEntry_rejectsPathsThatAreNotNormalized(String path) {
    assertThatIllegalArgumentException().isThrownBy(() -> file(path, "x"));
  }

  @Test
  void sourceEntry_rejectsExecutableOrEmptySymlinks() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SourceEntry("l", SourceEntry.Type.SYMLINK, null, "a", true));
    assertThatIllegalArgumentException().isThrownBy(() -> SourceEntry.symlink("l", ""));
  }

  @Test
  void sourceEntry_rejectsFileWithLinkTarget() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SourceEntry("a", SourceEntry.Type.FILE, new byte[0], "b", false));
  }

  private static SourceEntry file(String path, String content) {
    return SourceEntry.file(path, content.getBytes(UTF_8), false);
  }
}
