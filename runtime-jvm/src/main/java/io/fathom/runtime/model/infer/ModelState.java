package io.fathom.runtime.model.infer;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A served model's life: loading (downloading, opening the session), warming up (the first
 * inference), ready, or failed. Only {@link #READY} answers inferences.
 */
public enum ModelState {
  LOADING,
  WARMING_UP,
  READY,
  FAILED;

  private Set<ModelState> next() {
    return switch (this) {
      case LOADING -> EnumSet.of(WARMING_UP, FAILED);
      case WARMING_UP -> EnumSet.of(READY, FAILED);
      case READY, FAILED -> EnumSet.noneOf(ModelState.class);
    };
  }

  public boolean canMoveTo(ModelState target) {
    return next().contains(target);
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
