package io.fathom.controlplane.source.api;

import io.fathom.controlplane.common.DataEnvelope;
import io.fathom.controlplane.common.PageEnvelope;
import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.source.SourceRevision;
import io.fathom.controlplane.source.SourceService;
import io.fathom.controlplane.tenancy.FromToken;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/** Source revisions of a function: upload, list, download. */
@Controller("/api/intelligence/functions/v1/functions/{id}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SourceController {
  /** The response header naming the revision a download holds. */
  public static final String REVISION_HEADER = "X-Fathom-Revision";

  private final SourceService sources;

  SourceController(SourceService sources) {
    this.sources = sources;
  }

  /** A revision as clients see it. */
  @Serdeable
  public record RevisionView(
      String revision, String digest, long sizeBytes, int fileCount, Instant createdAt) {
    static RevisionView of(SourceRevision r) {
      return new RevisionView(
          r.revisionId().toString(), r.digest(), r.sizeBytes(), r.fileCount(), r.createdAt());
    }
  }

  /** Uploads a tar.gz ({@code application/gzip}) or zip ({@code application/zip}) source tree. */
  @Put(uri = "/source", consumes = MediaType.ALL)
  @Status(HttpStatus.CREATED)
  public DataEnvelope<RevisionView> upload(
      @FromToken ProjectScope scope,
      UUID id,
      @Nullable @Header(HttpHeaders.CONTENT_TYPE) String contentType,
      @Body byte[] body) {
    return DataEnvelope.of(RevisionView.of(sources.upload(scope, id, contentType, body)));
  }

  @Get("/revisions")
  public PageEnvelope<RevisionView> revisions(
      @FromToken ProjectScope scope,
      UUID id,
      @Nullable @QueryValue("page_number") Integer pageNumber,
      @Nullable @QueryValue("page_size") Integer pageSize) {
    PageRequest page = PageRequest.of(pageNumber, pageSize);
    Page<SourceRevision> result =
        sources.list(scope, id, Pageable.from(page.pageNumber() - 1, page.pageSize()));
    return PageEnvelope.of(result.getContent(), page, result.getTotalSize(), RevisionView::of);
  }

  /** The tree of a revision (the latest when none is named) as a canonical tar.gz. */
  @Get(uri = "/source", produces = "application/gzip")
  public HttpResponse<StreamedFile> download(
      @FromToken ProjectScope scope, UUID id, @Nullable @QueryValue String revision) {
    SourceService.Download download = sources.download(scope, id, revision);
    String name = download.revision().revisionId().toString();
    return HttpResponse.ok(new StreamedFile(download.content(), MediaType.of("application/gzip")))
        .header(REVISION_HEADER, name)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"" + id + "-" + name + ".tar.gz\"");
  }
}
