package io.fathom.controlplane.tenancy;

import io.fathom.controlplane.config.FathomHome;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start of an empty database: creates the {@code default} organization and project, an {@code
 * admin} user and an organization-wide token, written to {@code $FATHOM_HOME/bootstrap-token} (mode
 * 600) so that {@code fathom login} can pick it up.
 */
@Singleton
@Requires(property = "fathom.bootstrap.enabled", value = "true", defaultValue = "true")
public class Bootstrap {
  public static final String TOKEN_FILE = "bootstrap-token";
  private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);

  private final OrganizationRepository organizations;
  private final TenantAdmin admin;
  private final FathomHome home;
  private final boolean writeTokenFile;

  public Bootstrap(
      OrganizationRepository organizations,
      TenantAdmin admin,
      FathomHome home,
      @io.micronaut.context.annotation.Value("${fathom.bootstrap.write-token-file:true}")
          boolean writeTokenFile) {
    this.organizations = organizations;
    this.admin = admin;
    this.home = home;
    this.writeTokenFile = writeTokenFile;
  }

  @EventListener
  public void onStartup(StartupEvent event) {
    if (organizations.count() > 0) {
      return;
    }
    Organization org = admin.createOrganization("default");
    Project project = admin.createProject(org.id(), "default", "Created on first start");
    User user = admin.createUser(org.id(), "admin", true);
    TenantAdmin.IssuedToken token = admin.issue(org.id(), user.id(), null, "bootstrap", null);
    LOG.info(
        "Bootstrapped organization {} with project {} and an admin token", org.id(), project.id());
    if (writeTokenFile) {
      Path file = writeSecret(home.resolve(TOKEN_FILE), token.secret());
      LOG.info("The admin token is in {} (mode 600); `fathom login` reads it", file);
    }
  }

  private static Path writeSecret(Path file, String secret) {
    try {
      Path tmp = Files.createTempFile(file.getParent(), ".bootstrap-token", ".tmp");
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(tmp, secret + "\n", StandardCharsets.UTF_8);
      return Files.move(
          tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the bootstrap token to " + file, e);
    }
  }
}
