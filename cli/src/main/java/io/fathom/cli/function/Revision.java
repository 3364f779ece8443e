package io.fathom.cli.function;

/** One uploaded source revision of a function. */
record Revision(String revision, String digest, long sizeBytes, int fileCount, String createdAt) {}
