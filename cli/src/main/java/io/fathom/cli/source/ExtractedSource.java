package io.fathom.cli.source;

/** What {@link SourceExtractor} wrote: regular files and symbolic links. */
public record ExtractedSource(int fileCount) {}
