package io.fathom.controlplane.build;

import io.fathom.controlplane.function.FunctionEntity;
import io.fathom.controlplane.function.FunctionSecrets;
import io.fathom.controlplane.function.FunctionService;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.TreeMap;

/** A function's build env: its plain {@code buildEnv} and its opened {@code buildSecrets}. */
@Singleton
class BuildEnv {
  private final FunctionService functions;
  private final FunctionSecrets secrets;

  BuildEnv(FunctionService functions, FunctionSecrets secrets) {
    this.functions = functions;
    this.secrets = secrets;
  }

  /** Plain values, then secrets (a secret wins over a plain value of the same name). */
  Map<String, String> of(FunctionEntity function) {
    Map<String, String> env = new TreeMap<>(functions.read(function.buildEnv()));
    env.putAll(secrets.open(function.sealedSecrets()).build());
    return env;
  }
}
