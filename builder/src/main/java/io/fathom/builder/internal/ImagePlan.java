package io.fathom.builder.internal;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a kind puts on its base image: layers (bottom first; each layer's name is its Jib name) and
 * container config. Nothing from the build env belongs here.
 */
public record ImagePlan(
    List<FileEntriesLayer> layers,
    List<String> entrypoint,
    Map<String, String> environment,
    String workingDirectory,
    int port,
    String user,
    Map<String, String> labels) {

  public ImagePlan {
    layers = List.copyOf(layers);
    entrypoint = List.copyOf(entrypoint);
    // Sorted, so the image config is the same on every run (Map.copyOf's order varies per JVM).
    environment = Collections.unmodifiableSortedMap(new TreeMap<>(environment));
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
  }

  /** This plan with {@code layer} below its layers (right on the base image). */
  public ImagePlan withBottomLayer(FileEntriesLayer layer) {
    List<FileEntriesLayer> more = new ArrayList<>();
    more.add(layer);
    more.addAll(layers);
    return new ImagePlan(more, entrypoint, environment, workingDirectory, port, user, labels);
  }

  /** This plan with {@code more} added to its environment (a name it has already is replaced). */
  public ImagePlan withEnvironment(Map<String, String> more) {
    Map<String, String> env = new TreeMap<>(environment);
    env.putAll(more);
    return new ImagePlan(layers, entrypoint, env, workingDirectory, port, user, labels);
  }
}
