package io.fathom.controlplane.build;

import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildRequest;
import io.fathom.builder.api.BuildResult;
import java.util.function.Consumer;

/** Makes an image from a request: the {@code builder} library, or a stand-in in tests. */
@FunctionalInterface
public interface ImageBuilder {
  BuildResult build(BuildRequest request, Consumer<BuildEvent> events)
      throws BuildException, InterruptedException;

  /** Removes builder containers a dead process left behind; returns how many. */
  default int removeLeftovers() throws BuildException {
    return 0;
  }
}
