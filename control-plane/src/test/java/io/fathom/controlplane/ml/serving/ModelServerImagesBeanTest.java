package io.fathom.controlplane.ml.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.builder.api.ModelServerVariant;
import io.fathom.controlplane.support.ApiTestBase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The beans wire from configuration, and nothing is built until a variant is asked for. */
@MicronautTest(transactional = false)
class ModelServerImagesBeanTest extends ApiTestBase {
  @Inject ModelServerImages images;
  @Inject ModelServerSettings settings;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(super.getProperties());
    properties.put("fathom.ml.model-server.gpu-base-image", "docker://cuda-jre:12");
    // A free port: the configured one may be taken by a control plane running on this machine.
    properties.put("micronaut.server.port", "-1");
    return properties;
  }

  @Test
  void configuredFromFathomMlModelServer_andLazy() {
    assertThat(settings.baseImage(ModelServerVariant.GPU)).isEqualTo("docker://cuda-jre:12");
    assertThat(settings.baseImage(ModelServerVariant.CPU))
        .isEqualTo("docker://fathom/base-jvm21:latest");
    assertThat(settings.buildAtStartup()).isEmpty();
    assertThat(images.ifBuilt(ModelServerVariant.CPU)).isEmpty();
    assertThat(images.ifBuilt(ModelServerVariant.GPU)).isEmpty();
  }
}
