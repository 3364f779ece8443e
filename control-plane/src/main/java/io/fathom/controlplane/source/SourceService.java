package io.fathom.controlplane.source;

import io.fathom.controlplane.blob.BlobKey;
import io.fathom.controlplane.blob.BlobStore;
import io.fathom.controlplane.common.ApiException;
import io.fathom.controlplane.function.FunctionEntity;
import io.fathom.controlplane.function.FunctionService;
import io.fathom.controlplane.source.archive.ArchiveFormat;
import io.fathom.controlplane.source.archive.ArchiveReader;
import io.fathom.controlplane.source.archive.ArchiveRejectedException;
import io.fathom.controlplane.source.archive.CanonicalArchive;
import io.fathom.controlplane.source.archive.RejectionReason;
import io.fathom.controlplane.source.archive.SourceTree;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns uploaded archives into immutable revisions and serves them back. An archive is read and
 * checked completely before anything is stored, so a refused upload leaves no trace.
 */
@Singleton
public class SourceService {
  private static final Logger LOG = LoggerFactory.getLogger(SourceService.class);
  private static final Set<RejectionReason> TOO_LARGE =
      EnumSet.of(
          RejectionReason.TOO_LARGE,
          RejectionReason.TOO_MANY_FILES,
          RejectionReason.COMPRESSION_RATIO);
  private static final int APPEND_ATTEMPTS = 5;

  private final FunctionService functions;
  private final SourceRevisionRepository revisions;
  private final RevisionLedger ledger;
  private final BlobStore blobs;
  private final SourceLimits limits;

  public SourceService(
      FunctionService functions,
      SourceRevisionRepository revisions,
      RevisionLedger ledger,
      BlobStore blobs,
      SourceLimits limits) {
    this.functions = functions;
    this.revisions = revisions;
    this.ledger = ledger;
    this.blobs = blobs;
    this.limits = limits;
  }

  /** A revision and the canonical tar.gz of its tree. */
  public record Download(SourceRevision revision, InputStream content) {}

  public SourceRevision upload(
      ProjectScope scope, UUID functionId, @Nullable String contentType, byte[] body) {
    FunctionEntity function = functions.get(scope, functionId);
    ArchiveFormat format =
        ArchiveFormat.fromContentType(contentType)
            .orElseThrow(
                () ->
                    new ApiException(
                        io.micronaut.http.HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "unsupported-archive-type",
                        "Upload a tar.gz (Content-Type: application/gzip) or a zip"
                            + " (Content-Type: application/zip); got '"
                            + contentType
                            + "'"));
    SourceTree tree = read(body, format);
    ManifestCheck.check(tree, function);
    return store(function, tree);
  }

  /** Stores a tree the platform made itself (a rendered template) as the next revision. */
  public SourceRevision store(ProjectScope scope, UUID functionId, SourceTree tree) {
    return store(functions.get(scope, functionId), tree);
  }

  private SourceRevision store(FunctionEntity function, SourceTree tree) {
    byte[] tar = CanonicalArchive.tar(tree);
    String digest = BlobKey.of(tar).digest();
    BlobKey key = blobs.put(CanonicalArchive.gzip(tar));
    SourceRevision revision = append(function, digest, key, tree);
    LOG.info(
        "Function {} revision {}: {} files, {} bytes, {}",
        function.id(),
        revision.revisionId(),
        tree.fileCount(),
        tree.totalBytes(),
        digest);
    return revision;
  }

  public Page<SourceRevision> list(ProjectScope scope, UUID functionId, Pageable pageable) {
    functions.get(scope, functionId);
    return revisions.findByFunctionId(
        functionId,
        Pageable.from(
            pageable.getNumber(), pageable.getSize(), Sort.of(Sort.Order.desc("number"))));
  }

  public Download download(ProjectScope scope, UUID functionId, @Nullable String revision) {
    FunctionEntity function = functions.get(scope, functionId);
    int number;
    if (revision == null || revision.isBlank()) {
      if (function.latestRevision() == 0) {
        throw ApiException.notFound("revision", "latest");
      }
      number = function.latestRevision();
    } else {
      number = RevisionId.parse(revision).number();
    }
    SourceRevision found =
        revisions
            .findByFunctionIdAndNumber(function.id(), number)
            .orElseThrow(() -> ApiException.notFound("revision", "v" + number));
    InputStream content =
        blobs
            .open(BlobKey.parse(found.blobKey()))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Blob " + found.blobKey() + " of revision " + found.id() + " is missing"));
    return new Download(found, content);
  }

  private SourceTree read(byte[] body, ArchiveFormat format) {
    try {
      return new ArchiveReader().read(new ByteArrayInputStream(body), format, limits.archive());
    } catch (ArchiveRejectedException e) {
      if (TOO_LARGE.contains(e.reason())) {
        throw ApiException.tooLarge(e.code(), e.getMessage());
      }
      throw ApiException.badRequest(e.code(), e.getMessage());
    }
  }

  private SourceRevision append(
      FunctionEntity function, String digest, BlobKey key, SourceTree tree) {
    for (int attempt = 1; ; attempt++) {
      try {
        return ledger.append(
            function.id(),
            function.projectId(),
            digest,
            key.hex(),
            tree.totalBytes(),
            tree.fileCount());
      } catch (DataAccessException e) {
        if (attempt == APPEND_ATTEMPTS) {
          throw ApiException.conflict(
              "concurrent-upload", "Too many uploads at once for this function; try again");
        }
      }
    }
  }
}
