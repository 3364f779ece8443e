package io.fathom.controlplane.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Which database a test context uses: embedded H2 in a temporary directory (default) or a fresh
 * database on the PostgreSQL that {@code scripts/postgres.sh} starts, chosen by {@code
 * -Dfathom.test.db=postgres}. Either way every test context starts from an empty schema.
 */
public final class TestDatabase {
  private TestDatabase() {}

  public static boolean postgres() {
    return "postgres".equals(System.getProperty("fathom.test.db", "h2"));
  }

  public static Map<String, String> properties(Path home) {
    Map<String, String> props = new HashMap<>();
    props.put("fathom.home", home.toString());
    // A free port per test context: 8080 may be taken (another context still closing, a server on
    // the machine), and a fixed port failed a CI run with "Address already in use". A known port,
    // not -1: some beans read the server's port while the context starts.
    props.put("micronaut.server.port", Integer.toString(freePort()));
    if (postgres()) {
      String database = createPostgresDatabase();
      props.put(
          "datasources.default.url", "jdbc:postgresql://127.0.0.1:" + port() + "/" + database);
      props.put("datasources.default.username", "fathom");
      props.put("datasources.default.password", "fathom");
      props.put("datasources.default.dialect", "POSTGRES");
    } else {
      props.put(
          "datasources.default.url",
          "jdbc:h2:file:"
              + home.resolve("db/fathom")
              + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }
    return props;
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String port() {
    return System.getenv().getOrDefault("FATHOM_TEST_PG_PORT", "55432");
  }

  /** A new, empty database owned by the {@code fathom} role; fails loudly if PostgreSQL is down. */
  private static String createPostgresDatabase() {
    String name = "fathom_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String admin = "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
    try (Connection c = DriverManager.getConnection(admin, "postgres", "fathom");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " OWNER fathom");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL tests need the server from scripts/postgres.sh start (port " + port() + ")",
          e);
    }
    return name;
  }
}
