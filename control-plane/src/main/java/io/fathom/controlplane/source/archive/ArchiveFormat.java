package io.fathom.controlplane.source.archive;

import java.util.Locale;
import java.util.Optional;

/** The archive formats a function's source tree may be uploaded in. */
public enum ArchiveFormat {
  TAR_GZ("tar.gz", "application/gzip"),
  ZIP("zip", "application/zip"),
  TAR("tar", "application/x-tar");

  private final String displayName;
  private final String mediaType;

  ArchiveFormat(String displayName, String mediaType) {
    this.displayName = displayName;
    this.mediaType = mediaType;
  }

  /**
   * The format a request's {@code Content-Type} declares, ignoring case and parameters such as
   * {@code ; charset=binary}; empty when the type is missing or not an archive type we accept.
   */
  public static Optional<ArchiveFormat> fromContentType(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    int semicolon = contentType.indexOf(';');
    String type =
        (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
            .trim()
            .toLowerCase(Locale.ROOT);
    return switch (type) {
      case "application/gzip", "application/x-gzip", "application/x-tar+gzip" ->
          Optional.of(TAR_GZ);
      case "application/zip", "application/x-zip-compressed" -> Optional.of(ZIP);
      case "application/x-tar" -> Optional.of(TAR);
      default -> Optional.empty();
    };
  }

  /** How people name the format, for messages: {@code tar.gz}, {@code zip}, {@code tar}. */
  public String displayName() {
    return displayName;
  }

  /** The media type to send with an archive of this format. */
  public String mediaType() {
    return mediaType;
  }
}
