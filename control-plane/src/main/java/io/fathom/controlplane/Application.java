package io.fathom.controlplane;

import io.micronaut.runtime.Micronaut;

/** Starts the control plane. */
public final class Application {
  private Application() {}

  public static void main(String[] args) {
    Micronaut.run(Application.class, args);
  }
}
