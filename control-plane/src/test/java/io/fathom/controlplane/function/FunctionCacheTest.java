package io.fathom.controlplane.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.controlplane.common.ApiException;
import io.fathom.controlplane.support.ApiTestBase;
import io.fathom.controlplane.support.DeployFixture;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The call path's function cache: this process's changes are seen at once, tenancy holds. */
@MicronautTest(transactional = false)
class FunctionCacheTest extends ApiTestBase {
  private final DeployFixture fx = new DeployFixture(this::call);

  @Inject FunctionCache cache;

  @Test
  void anUpdate_isSeenByTheNextRead() {
    Tenant t = newTenant();
    UUID fn = UUID.fromString(fx.function(t, Map.of()));
    ProjectScope scope = scope(t);
    assertThat(cache.get(scope, fn).servingTimeoutSeconds()).isNotEqualTo(7);

    Reply patched =
        call(
            t.auth(
                HttpRequest.PATCH(
                    DeployFixture.URI + "/" + fn, Map.of("serving", Map.of("timeoutSeconds", 7)))));
    assertThat(patched.status()).as("%s", patched).isEqualTo(200);

    assertThat(cache.get(scope, fn).servingTimeoutSeconds()).isEqualTo(7);
  }

  @Test
  void aDeletedFunction_isNotFound_atOnce() {
    Tenant t = newTenant();
    UUID fn = UUID.fromString(fx.function(t, Map.of()));
    cache.get(scope(t), fn);

    assertThat(call(t.auth(HttpRequest.DELETE(DeployFixture.URI + "/" + fn))).status())
        .isEqualTo(204);

    assertThatThrownBy(() -> cache.get(scope(t), fn)).isInstanceOf(ApiException.class);
  }

  @Test
  void anotherProject_neverGetsTheCachedFunction() {
    Tenant owner = newTenant();
    Tenant other = newTenant();
    UUID fn = UUID.fromString(fx.function(owner, Map.of()));
    cache.get(scope(owner), fn);

    assertThatThrownBy(() -> cache.get(scope(other), fn))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining(fn.toString());
  }

  private static ProjectScope scope(Tenant t) {
    return new ProjectScope(t.org().id(), t.project().id(), t.user().id());
  }
}
