package io.fathom.runtime.model.infer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelStateTest {
  @Test
  void transitions_loadingWarmingUpReady_orFailed() {
    assertThat(ModelState.LOADING.canMoveTo(ModelState.WARMING_UP)).isTrue();
    assertThat(ModelState.LOADING.canMoveTo(ModelState.FAILED)).isTrue();
    assertThat(ModelState.LOADING.canMoveTo(ModelState.READY)).isFalse();
    assertThat(ModelState.WARMING_UP.canMoveTo(ModelState.READY)).isTrue();
    assertThat(ModelState.WARMING_UP.canMoveTo(ModelState.FAILED)).isTrue();
    assertThat(ModelState.WARMING_UP.canMoveTo(ModelState.LOADING)).isFalse();
    for (ModelState s : ModelState.values()) {
      assertThat(ModelState.READY.canMoveTo(s)).isFalse();
      assertThat(ModelState.FAILED.canMoveTo(s)).isFalse();
    }
    assertThat(ModelState.WARMING_UP.label()).isEqualTo("warming-up");
  }
}
