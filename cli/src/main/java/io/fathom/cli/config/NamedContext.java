package io.fathom.cli.config;

/** A context together with the name it is saved under. */
public record NamedContext(String name, Context context) {}
