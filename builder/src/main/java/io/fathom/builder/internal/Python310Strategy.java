package io.fathom.builder.internal;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * python310: no compile step. Layers, bottom first: the runtime shim ({@code /fathom/shim}), then
 * the source tree ({@code /fathom/function}). Third-party dependencies need a package index, which
 * this version cannot reach: they fail with {@code dependencies-unavailable}. The build env has
 * nothing to do here (no compile step) and is not read.
 */
final class Python310Strategy implements KindStrategy {
  static final String SHIM_RESOURCE = "io/fathom/builder/runtime/python310/fathom_shim";
  static final AbsoluteUnixPath SHIM_DIR = AbsoluteUnixPath.get("/fathom/shim");
  static final AbsoluteUnixPath FUNCTION_DIR = AbsoluteUnixPath.get("/fathom/function");
  static final int PORT = 8080;

  /** Debian's {@code nobody}: the function never runs as root. */
  static final String USER = "65534:65534";

  @Override
  public ImagePlan plan(BuildRequest request, TreeStager stager) throws BuildException {
    PyProject project = PyProject.read(request.sourceDir());
    if (!project.dependencies().isEmpty()) {
      throw new BuildException(
          "dependencies-unavailable",
          "pyproject.toml declares third-party dependencies ("
              + String.join(", ", project.dependencies())
              + "), but this builder has no package index or wheel directory configured, so"
              + " python310 functions can only use the standard library (and jsonschema, which"
              + " the runtime carries). Remove them from [project] dependencies.");
    }
    StagedTree shim = stager.stageResource(SHIM_RESOURCE);
    StagedTree source = stager.stage(request.sourceDir());

    Map<String, String> env = new LinkedHashMap<>();
    env.put("PYTHONPATH", SHIM_DIR.toString());
    env.put("PYTHONDONTWRITEBYTECODE", "1");
    env.put("PYTHONUNBUFFERED", "1");
    env.put("FATHOM_FUNCTION_DIR", FUNCTION_DIR.toString());
    env.put("PORT", Integer.toString(PORT));

    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("io.fathom.kind", request.kind().wireName());
    labels.put("io.fathom.shim-digest", shim.digest());
    request.revisionDigest().ifPresent(d -> labels.put("io.fathom.revision-digest", d));

    return new ImagePlan(
        List.of(
            shim.layer("runtime-shim", SHIM_DIR.resolve("fathom_shim")),
            source.layer("source", FUNCTION_DIR)),
        List.of("python3", "-m", "fathom_shim"),
        env,
        FUNCTION_DIR.toString(),
        PORT,
        USER,
        labels);
  }
}
