package io.fathom.runtime.model.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.ExecutionMode;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds ONNX Runtime session options from the model's {@code onnx_session_options} (as MLflow's
 * loader applies them to {@code onnxruntime.SessionOptions}) and the deployment's settings. An
 * option this server cannot apply fails the load, as MLflow's loader does.
 */
final class SessionOptionsFactory {
  static final List<String> KNOWN =
      List.of(
          "intra_op_num_threads",
          "inter_op_num_threads",
          "execution_mode",
          "graph_optimization_level",
          "enable_mem_pattern",
          "enable_cpu_mem_arena",
          "use_deterministic_compute",
          "log_severity_level",
          "log_verbosity_level",
          "extra_session_config");

  private SessionOptionsFactory() {}

  /**
   * Options for CPU; the caller adds an execution provider. Intra-op threads: the model's value
   * capped by the serving size's.
   */
  static SessionOptions create(Map<String, Object> modelOptions, SessionSettings settings)
      throws OrtException {
    SessionOptions options = new SessionOptions();
    try {
      int threads = settings.intraOpThreads();
      for (Map.Entry<String, Object> e : modelOptions.entrySet()) {
        Object v = e.getValue();
        switch (e.getKey()) {
          case "intra_op_num_threads" -> {
            int wanted = integer(e.getKey(), v);
            if (wanted > 0) {
              threads = Math.min(wanted, threads);
            }
          }
          case "inter_op_num_threads" -> options.setInterOpNumThreads(integer(e.getKey(), v));
          case "execution_mode" -> options.setExecutionMode(executionMode(v));
          case "graph_optimization_level" -> options.setOptimizationLevel(optLevel(v));
          case "enable_mem_pattern" -> options.setMemoryPatternOptimization(bool(e.getKey(), v));
          case "enable_cpu_mem_arena" -> options.setCPUArenaAllocator(bool(e.getKey(), v));
          case "use_deterministic_compute" -> options.setDeterministicCompute(bool(e.getKey(), v));
          case "log_severity_level" ->
              options.setSessionLogLevel(OrtLoggingLevel.mapFromInt(integer(e.getKey(), v)));
          case "log_verbosity_level" -> options.setSessionLogVerbosityLevel(integer(e.getKey(), v));
          case "extra_session_config" -> {
            if (!(v instanceof Map<?, ?> entries)) {
              throw invalid(e.getKey(), v, "a mapping of config keys to values");
            }
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
              options.addConfigEntry(
                  String.valueOf(entry.getKey()), String.valueOf(entry.getValue()));
            }
          }
          default ->
              throw new ModelLoadException(
                  "unsupported-session-option",
                  "onnx_session_options has '"
                      + e.getKey()
                      + "', which this server cannot apply; it applies "
                      + String.join(", ", KNOWN));
        }
      }
      options.setIntraOpNumThreads(threads);
      return options;
    } catch (OrtException | RuntimeException e) {
      options.close();
      throw e;
    }
  }

  private static int integer(String key, Object v) {
    if (v instanceof Number n) {
      return n.intValue();
    }
    throw invalid(key, v, "an integer");
  }

  private static boolean bool(String key, Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    throw invalid(key, v, "true or false");
  }

  private static ExecutionMode executionMode(Object v) {
    String text = String.valueOf(v).toLowerCase(Locale.ROOT);
    if (text.contains("sequential") || "0".equals(text)) {
      return ExecutionMode.SEQUENTIAL;
    }
    if (text.contains("parallel") || "1".equals(text)) {
      return ExecutionMode.PARALLEL;
    }
    throw invalid("execution_mode", v, "sequential or parallel");
  }

  /** MLflow's levels: 0 disable, 1 basic, 2 extended, 99 all (or their ORT_* names). */
  private static OptLevel optLevel(Object v) {
    String text = String.valueOf(v).toLowerCase(Locale.ROOT);
    if (text.equals("0") || text.contains("disable")) {
      return OptLevel.NO_OPT;
    }
    if (text.equals("1") || text.contains("basic")) {
      return OptLevel.BASIC_OPT;
    }
    if (text.equals("2") || text.contains("extended")) {
      return OptLevel.EXTENDED_OPT;
    }
    if (text.equals("99") || text.contains("all")) {
      return OptLevel.ALL_OPT;
    }
    throw invalid("graph_optimization_level", v, "0, 1, 2 or 99");
  }

  private static ModelLoadException invalid(String key, Object v, String expected) {
    return new ModelLoadException(
        "invalid-session-option",
        "onnx_session_options." + key + " is " + v + "; it must be " + expected);
  }
}
