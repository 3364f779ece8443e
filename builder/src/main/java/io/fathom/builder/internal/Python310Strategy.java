package io.fathom.builder.internal;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildRequest;
import io.fathom.scaffolds.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * python310: no compile step. Layers, bottom first: the runtime shim ({@code /fathom/shim}), the
 * third-party dependencies of {@code pyproject.toml} when it declares any ({@code /fathom/deps},
 * installed by {@link PythonDependencies} in a builder container, the only place the build env is
 * used), then the source tree ({@code /fathom/function}). A project without dependencies starts no
 * container at all. {@code func.yaml}'s {@code entryPoint} becomes {@code FATHOM_ENTRY_POINT}.
 */
final class Python310Strategy implements KindStrategy {
  static final String SHIM_RESOURCE = "io/fathom/builder/runtime/python310/fathom_shim";
  static final AbsoluteUnixPath SHIM_DIR = AbsoluteUnixPath.get("/fathom/shim");
  static final AbsoluteUnixPath FUNCTION_DIR = AbsoluteUnixPath.get("/fathom/function");
  static final int PORT = 8080;

  /** Debian's {@code nobody}: the function never runs as root. */
  static final String USER = "65534:65534";

  private final PythonDependencies dependencies;

  Python310Strategy(PythonDependencies dependencies) {
    this.dependencies = dependencies;
  }

  @Override
  public ImagePlan plan(BuildRequest request, TreeStager stager)
      throws BuildException, InterruptedException {
    return plan(request, stager, event -> {});
  }

  @Override
  public ImagePlan plan(BuildRequest request, TreeStager stager, Consumer<BuildEvent> events)
      throws BuildException, InterruptedException {
    PyProject project = PyProject.read(request.sourceDir());
    Optional<String> entryPoint =
        FunctionManifest.read(request.sourceDir()).flatMap(Manifest::entryPointIfAny);
    Optional<StagedTree> deps = dependencies.install(request, project, stager, events);
    StagedTree shim = stager.stageResource(SHIM_RESOURCE);
    StagedTree source = stager.stage(request.sourceDir());

    Map<String, String> env = new LinkedHashMap<>();
    env.put(
        "PYTHONPATH",
        deps.isPresent() ? SHIM_DIR + ":" + PythonDependencies.TARGET : SHIM_DIR.toString());
    env.put("PYTHONDONTWRITEBYTECODE", "1");
    env.put("PYTHONUNBUFFERED", "1");
    env.put("FATHOM_FUNCTION_DIR", FUNCTION_DIR.toString());
    entryPoint.ifPresent(e -> env.put("FATHOM_ENTRY_POINT", e));
    env.put("PORT", Integer.toString(PORT));

    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("io.fathom.kind", request.kind().wireName());
    labels.put("io.fathom.shim-digest", shim.digest());
    request.revisionDigest().ifPresent(d -> labels.put("io.fathom.revision-digest", d));

    List<FileEntriesLayer> layers = new ArrayList<>();
    layers.add(shim.layer("runtime-shim", SHIM_DIR.resolve("fathom_shim")));
    deps.ifPresent(d -> layers.add(d.layer("dependencies", PythonDependencies.TARGET)));
    layers.add(source.layer("source", FUNCTION_DIR));
    return new ImagePlan(
        layers,
        List.of("python3", "-m", "fathom_shim"),
        env,
        FUNCTION_DIR.toString(),
        PORT,
        USER,
        labels);
  }
}
