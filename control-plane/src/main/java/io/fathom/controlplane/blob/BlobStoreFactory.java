package io.fathom.controlplane.blob;

import io.fathom.controlplane.config.FathomHome;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The default blob store: content-addressed files under {@code $FATHOM_HOME/blobs}. */
@Factory
public class BlobStoreFactory {
  @Singleton
  BlobStore blobStore(FathomHome home) {
    return new FileSystemBlobStore(home.resolve("blobs"));
  }
}
