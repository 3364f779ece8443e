package io.fathom.builder.internal;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
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
}
