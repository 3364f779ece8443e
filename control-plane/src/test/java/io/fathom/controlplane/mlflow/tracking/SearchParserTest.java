package io.fathom.controlplane.mlflow.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.controlplane.mlflow.MlflowException;
import io.fathom.controlplane.mlflow.tracking.search.Clause;
import io.fathom.controlplane.mlflow.tracking.search.Clause.Entity;
import io.fathom.controlplane.mlflow.tracking.search.OrderBy;
import io.fathom.controlplane.mlflow.tracking.search.PageToken;
import io.fathom.controlplane.mlflow.tracking.search.RunSearchSql;
import io.fathom.controlplane.mlflow.tracking.search.SearchParser;
import io.fathom.controlplane.mlflow.tracking.search.ViewType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SearchParserTest {

  @Test
  void parsesEveryKindOfComparison() {
    List<Clause> clauses =
        SearchParser.filter(
            "metrics.rmse >= 0.5 AND params.`my param` = 'a' and tags.\"t t\" ILIKE '%x%'"
                + " and attributes.status IN ('FINISHED', 'FAILED') and tags.t IS NOT NULL"
                + " and run.run_id NOT IN ('a')",
            null);
    assertThat(clauses)
        .containsExactly(
            new Clause(Entity.METRIC, "rmse", ">=", List.of(0.5)),
            new Clause(Entity.PARAM, "my param", "=", List.of("a")),
            new Clause(Entity.TAG, "t t", "ILIKE", List.of("%x%")),
            new Clause(Entity.ATTRIBUTE, "status", "IN", List.of("FINISHED", "FAILED")),
            new Clause(Entity.TAG, "t", "IS NOT NULL", List.of()),
            new Clause(Entity.ATTRIBUTE, "run_id", "NOT IN", List.of("a")));
  }

  @Test
  void bareKeys_useTheDefaultEntity() {
    assertThat(SearchParser.filter("name LIKE 'x%'", Entity.ATTRIBUTE))
        .containsExactly(new Clause(Entity.ATTRIBUTE, "name", "LIKE", List.of("x%")));
    assertThatThrownBy(() -> SearchParser.filter("name = 'x'", null))
        .isInstanceOf(MlflowException.class)
        .hasMessageContaining("Invalid entity type 'name'");
  }

  @Test
  void orderBy_readsDirection() {
    assertThat(SearchParser.orderBy("metrics.rmse DESC", null))
        .isEqualTo(new OrderBy(Entity.METRIC, "rmse", false));
    assertThat(SearchParser.orderBy("attributes.start_time", null))
        .isEqualTo(new OrderBy(Entity.ATTRIBUTE, "start_time", true));
  }

  @Test
  void errorsNameTheOffendingPart() {
    assertThatThrownBy(() -> SearchParser.filter("metrics.m ~ 1", null))
        .hasMessageContaining("'~'");
    assertThatThrownBy(() -> SearchParser.filter("params.p = 'a' OR params.q = 'b'", null))
        .hasMessageContaining("'OR'");
    assertThatThrownBy(() -> SearchParser.filter("metrics.m = 'x'", null))
        .hasMessageContaining("metric 'm'");
  }

  @Test
  void sql_bindsEveryValue() {
    var query =
        RunSearchSql.build(
            UUID.randomUUID(),
            List.of(1L),
            ViewType.ACTIVE_ONLY,
            SearchParser.filter("params.p = 'x\\' OR 1=1' and attributes.run_name LIKE 'a%'", null),
            List.of(SearchParser.orderBy("metrics.m DESC", null)),
            10,
            0);
    assertThat(query.sql()).doesNotContain("OR 1=1").doesNotContain("a%").doesNotContain("'m'");
    assertThat(query.params()).contains("m", "p", "a%");
  }

  @Test
  void unknownAttribute_listsTheValidOnes() {
    assertThatThrownBy(
            () ->
                RunSearchSql.build(
                    UUID.randomUUID(),
                    List.of(),
                    ViewType.ALL,
                    SearchParser.filter("attributes.colour = 'red'", null),
                    List.of(),
                    10,
                    0))
        .hasMessageContaining("'colour'")
        .hasMessageContaining("run_name");
  }

  @Test
  void pageToken_roundTrips() {
    assertThat(PageToken.decode(PageToken.encode(1234))).isEqualTo(1234);
    assertThat(PageToken.decode(null)).isZero();
    assertThatThrownBy(() -> PageToken.decode("%%%")).isInstanceOf(MlflowException.class);
  }
}
