/**
 * The builder's implementation. Nothing here is API: use {@code io.fathom.builder.api}. Public only
 * because Java packages cannot share package-private types.
 */
package io.fathom.builder.internal;
