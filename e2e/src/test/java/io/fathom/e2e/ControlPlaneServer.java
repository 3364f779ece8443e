package io.fathom.e2e;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A real control plane on a random loopback port with a fresh FATHOM_HOME, on H2 or (with {@code
 * -Dfathom.test.db=postgres}) a fresh PostgreSQL database. Closing it stops the server.
 */
final class ControlPlaneServer implements AutoCloseable {
  private final Path home;
  private final Map<String, Object> props;
  private final EmbeddedServer server;

  private ControlPlaneServer(Path home, Map<String, Object> props, EmbeddedServer server) {
    this.home = home;
    this.props = props;
    this.server = server;
  }

  /**
   * Stops this server and starts another on the same home, database and port, as a control plane
   * that died and came back would (instances it started keep running meanwhile).
   */
  ControlPlaneServer restart() {
    int port = server.getPort();
    close();
    Map<String, Object> again = new HashMap<>(props);
    again.put("micronaut.server.port", port);
    return new ControlPlaneServer(home, again, ApplicationContext.run(EmbeddedServer.class, again));
  }

  static ControlPlaneServer start() {
    return start(Map.of());
  }

  /** A server with extra properties (e.g. {@code fathom.builds.maven-mirror}). */
  static ControlPlaneServer start(Map<String, Object> extra) {
    try {
      Path home = Files.createTempDirectory("fathom-e2e-home");
      Map<String, Object> props = new HashMap<>();
      props.put("fathom.home", home.toString());
      props.put("micronaut.server.port", -1);
      props.put("micronaut.server.host", "127.0.0.1");
      if ("postgres".equals(System.getProperty("fathom.test.db"))) {
        props.put("datasources.default.url", postgresDatabase());
        props.put("datasources.default.username", "fathom");
        props.put("datasources.default.password", "fathom");
        props.put("datasources.default.dialect", "POSTGRES");
      } else {
        props.put(
            "datasources.default.url",
            "jdbc:h2:file:"
                + home.resolve("db/fathom")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
      }
      props.putAll(extra);
      EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
      return new ControlPlaneServer(home, props, server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  Path home() {
    return home;
  }

  private static String postgresDatabase() {
    String port = System.getenv().getOrDefault("FATHOM_TEST_PG_PORT", "55432");
    String name = "fathom_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "fathom");
        var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " OWNER fathom");
    } catch (SQLException e) {
      throw new IllegalStateException("Start PostgreSQL first: scripts/postgres.sh start", e);
    }
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
  }

  @Override
  public void close() {
    server.getApplicationContext().close();
  }
}
