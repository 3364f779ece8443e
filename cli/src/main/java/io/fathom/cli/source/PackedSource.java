package io.fathom.cli.source;

/** A directory packed as a tar.gz: the bytes and how many files and links it holds. */
public record PackedSource(byte[] archive, int fileCount) {}
