package io.fathom.controlplane.blob;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlobStoreTest {
  private static final byte[] HELLO = "hello, blob".getBytes(UTF_8);

  @TempDir Path root;

  @Test
  void put_storesTheBytesUnderTheirSha256() {
    FileSystemBlobStore store = new FileSystemBlobStore(root);

    BlobKey key = store.put(HELLO);

    assertThat(key).isEqualTo(BlobKey.of(HELLO));
    assertThat(store.exists(key)).isTrue();
    assertThat(store.read(key)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(HELLO));
  }

  @Test
  void put_laysBlobsOutByTheFirstTwoBytesOfTheirKey() {
    FileSystemBlobStore store = new FileSystemBlobStore(root);

    String hex = store.put(HELLO).hex();

    assertThat(root.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex))
        .isRegularFile()
        .hasBinaryContent(HELLO);
  }

  @Test
  void put_ofTheSameBytesTwiceGivesTheSameKeyAndOneFile() throws IOException {
    FileSystemBlobStore store = new FileSystemBlobStore(root);

    BlobKey first = store.put(HELLO);
    BlobKey second = store.put(HELLO.clone());

    assertThat(second).isEqualTo(first);
    assertThat(filesUnder(root)).containsExactly(store.pathOf(first));
  }

  @Test
  void put_leavesNoTemporaryFileBehind() throws IOException {
    FileSystemBlobStore store = new FileSystemBlobStore(root);

    BlobKey a = store.put(HELLO);
    BlobKey b = store.put(new byte[0]);
    BlobKey c = store.put(new byte[1 << 20]);

    assertThat(filesUnder(root))
        .containsExactlyInAnyOrder(store.pathOf(a), store.pathOf(b), store.pathOf(c));
  }

  @Test
  void put_failsClearlyAndLeavesNoTemporaryFileWhenTheDirectoryIsBlocked() throws IOException {
    FileSystemBlobStore store = new FileSystemBlobStore(root);
    String hex = BlobKey.of(HELLO).hex();
    Files.writeString(root.resolve(hex.substring(0, 2)), "a file where a directory should be");

    assertThatThrownBy(() -> store.put(HELLO))
        .isInstanceOf(BlobStoreException.class)
        .hasMessageContaining(hex);
    assertThat(filesUnder(root)).containsExactly(root.resolve(hex.substring(0, 2)));
  }

  @Test
  void open_streamsTheBlob() throws IOException {
    FileSystemBlobStore store = new FileSystemBlobStore(root);
    BlobKey key = store.put(HELLO);

    try (InputStream in = store.open(key).orElseThrow()) {
      assertThat(in.readAllBytes()).isEqualTo(HELLO);
    }
  }

  @Test
  void openReadAndExists_seeNoBlobForAnUnknownKey() {
    FileSystemBlobStore store = new FileSystemBlobStore(root);
    BlobKey unknown = BlobKey.of("never stored".getBytes(UTF_8));

    assertThat(store.exists(unknown)).isFalse();
    assertThat(store.open(unknown)).isEmpty();
    assertThat(store.read(unknown)).isEmpty();
  }

  @Test
  void delete_removesTheBlobAndIsIdempotent() {
    FileSystemBlobStore store = new FileSystemBlobStore(root);
    BlobKey key = store.put(HELLO);

    store.delete(key);
    store.delete(key);

    assertThat(store.exists(key)).isFalse();
    assertThat(store.read(key)).isEmpty();
  }

  @Test
  void read_refusesABlobWhoseBytesNoLongerMatchItsKey() throws IOException {
    FileSystemBlobStore store = new FileSystemBlobStore(root);
    BlobKey key = store.put(HELLO);
    Files.writeString(store.pathOf(key), "tampered");

    assertThatThrownBy(() -> store.read(key))
        .isInstanceOf(BlobStoreException.class)
        .hasMessageContaining(key.hex())
        .hasMessageContaining("corrupt");
  }

  @Test
  void constructor_createsTheRootDirectory() {
    Path nested = root.resolve("a/b/blobs");

    new FileSystemBlobStore(nested);

    assertThat(nested).isDirectory();
  }

  @Test
  void constructor_failsWhenTheRootCannotBeADirectory() throws IOException {
    Path file = Files.writeString(root.resolve("not-a-dir"), "x");

    assertThatThrownBy(() -> new FileSystemBlobStore(file))
        .isInstanceOf(BlobStoreException.class)
        .hasMessageContaining("not-a-dir");
  }

  private static List<Path> filesUnder(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).toList();
    }
  }
}
