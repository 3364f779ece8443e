package io.fathom.runtime.model.v2;

import java.util.function.UnaryOperator;

/**
 * One HTTP request as {@link V2Routes} sees it, independent of the HTTP server that read it.
 *
 * @param method {@code GET}, {@code POST}, …
 * @param path the decoded path, without the query
 * @param header a header's first value by its name (any case), or null
 * @param body the whole body (the server has already refused one over its limit)
 */
public record V2HttpRequest(
    String method, String path, UnaryOperator<String> header, byte[] body) {}
