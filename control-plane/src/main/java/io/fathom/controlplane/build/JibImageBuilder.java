package io.fathom.controlplane.build;

import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildRequest;
import io.fathom.builder.api.BuildResult;
import io.fathom.builder.api.Builder;
import io.fathom.controlplane.config.PlaneId;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.function.Consumer;

/**
 * The {@code builder} library (Jib), one instance shared by every build, configured from {@link
 * BuildSettings}: the Maven mirror and the warm Maven of jvm21 builds, and the python310 wheel
 * directory when one is configured. Its warm Maven containers are removed when the server stops
 * (and, after a crash, by the leftover removal at the next start).
 */
@Singleton
public class JibImageBuilder implements ImageBuilder {
  private final Builder builder;

  public JibImageBuilder(BuildSettings settings, PlaneId plane) {
    Builder configured =
        Builder.create(plane.value())
            .withMavenMirror(settings.mavenMirror())
            .withWarmMaven(settings.warmMaven());
    this.builder = settings.pythonWheels().map(configured::withPythonWheels).orElse(configured);
  }

  /** Removes the warm Maven containers. */
  @PreDestroy
  public void close() {
    builder.close();
  }

  @Override
  public BuildResult build(BuildRequest request, Consumer<BuildEvent> events)
      throws BuildException, InterruptedException {
    return builder.build(request, events);
  }

  @Override
  public int removeLeftovers() throws BuildException {
    return builder.removeLeftoverCompileContainers();
  }
}
