package io.fathom.controlplane.blob;

/** The blob store's storage failed: a disk error, missing permissions, a corrupt blob. */
public class BlobStoreException extends RuntimeException {
  public BlobStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
