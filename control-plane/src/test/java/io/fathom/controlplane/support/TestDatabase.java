package io.fathom.controlplane.support;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Which database a test context uses: embedded H2 in a temporary directory (default) or the
 * PostgreSQL that {@code scripts/postgres.sh} starts, chosen by {@code -Dfathom.test.db=postgres}.
 */
public final class TestDatabase {
  private TestDatabase() {}

  public static boolean postgres() {
    return "postgres".equals(System.getProperty("fathom.test.db", "h2"));
  }

  public static Map<String, String> properties(Path home) {
    Map<String, String> props = new HashMap<>();
    props.put("fathom.home", home.toString());
    if (postgres()) {
      String port = System.getenv().getOrDefault("FATHOM_TEST_PG_PORT", "55432");
      props.put(
          "datasources.default.url",
          System.getenv()
              .getOrDefault("FATHOM_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:" + port + "/fathom"));
      props.put("datasources.default.username", System.getenv().getOrDefault("FATHOM_TEST_PG_USER", "fathom"));
      props.put("datasources.default.password", System.getenv().getOrDefault("FATHOM_TEST_PG_PASSWORD", "fathom"));
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
}
