package io.fathom.cli.http;

/** The {@code pagination} block of a list answer. */
public record Pagination(int pageNumber, int pageSize, long totalElements, int totalPages) {}
