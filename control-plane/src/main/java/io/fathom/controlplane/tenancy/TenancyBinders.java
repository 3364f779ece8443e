package io.fathom.controlplane.tenancy;

import io.fathom.controlplane.common.ApiException;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Lets controllers declare {@link Caller} and {@link ProjectScope} parameters. */
public final class TenancyBinders {
  private TenancyBinders() {}

  static Caller caller(HttpRequest<?> request) {
    return request
        .getAttribute(AuthFilter.CALLER, Caller.class)
        .orElseThrow(() -> ApiException.unauthorized("The request was not authenticated"));
  }

  /** Binds the authenticated {@link Caller}. */
  @Singleton
  public static class CallerBinder implements TypedRequestArgumentBinder<Caller> {
    @Override
    public Argument<Caller> argumentType() {
      return Argument.of(Caller.class);
    }

    @Override
    public BindingResult<Caller> bind(
        ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
      Caller caller = caller(source);
      return () -> Optional.of(caller);
    }
  }

  /** Binds the {@link ProjectScope} from {@code x-organizationid} / {@code x-projectid}. */
  @Singleton
  public static class ProjectScopeBinder implements TypedRequestArgumentBinder<ProjectScope> {
    @Override
    public Argument<ProjectScope> argumentType() {
      return Argument.of(ProjectScope.class);
    }

    @Override
    public BindingResult<ProjectScope> bind(
        ArgumentConversionContext<ProjectScope> context, HttpRequest<?> source) {
      ProjectScope scope =
          source
              .getAttribute(AuthFilter.SCOPE, ProjectScope.class)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "No project scope on "
                              + source.getPath()
                              + ": not under /api/intelligence"));
      return () -> Optional.of(scope);
    }
  }
}
