package io.fathom.builder.internal;

import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildRequest;
import java.util.function.Consumer;

/** How one kind turns a source tree into an {@link ImagePlan}: compile steps, layers, config. */
public interface KindStrategy {

  /** Checks the tree, runs the kind's compile step if any, and plans the image. */
  ImagePlan plan(BuildRequest request, TreeStager stager)
      throws BuildException, InterruptedException;

  /** As {@link #plan(BuildRequest, TreeStager)}, reporting compile output and progress. */
  default ImagePlan plan(BuildRequest request, TreeStager stager, Consumer<BuildEvent> events)
      throws BuildException, InterruptedException {
    return plan(request, stager);
  }
}
