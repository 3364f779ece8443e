package io.fathom.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Dynamic batching on the {@code scale} model (y = 2x, {@code [-1,3]}): concurrent requests with
 * different rows each get their own rows back, and the statistics show fewer model runs than
 * requests.
 */
class DynamicBatchingTest {
  static String request(int i, int rows) {
    StringBuilder data = new StringBuilder("[");
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < 3; c++) {
        if (data.length() > 1) {
          data.append(',');
        }
        data.append(i * 100 + r * 10 + c);
      }
    }
    return "{\"id\":\"r"
        + i
        + "\",\"inputs\":[{\"name\":\"x\",\"shape\":["
        + rows
        + ",3],\"datatype\":\"FP32\",\"data\":"
        + data
        + "]}]}";
  }

  @Test
  void concurrentRequests_areMergedAndSplitBackPerRequest() throws Exception {
    Map<String, String> env =
        Map.of("FATHOM_BATCH_MAX_SIZE", "64", "FATHOM_BATCH_MAX_DELAY_MS", "20");
    try (TestServer t = TestServer.load("scale", env)) {
      assertThat(t.client.get("/v2").json().at("/fathom/dynamic_batching").asBoolean()).isTrue();
      int clients = 32;
      int rounds = 5;
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Void>> results = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
          int id = i;
          results.add(
              pool.submit(
                  () -> {
                    go.await();
                    for (int round = 0; round < rounds; round++) {
                      int rows = 1 + (id + round) % 3;
                      V2Client.Reply reply =
                          t.client.post("/v2/models/default/infer", request(id, rows));
                      assertThat(reply.status()).isEqualTo(200);
                      JsonNode out = reply.json();
                      assertThat(out.get("id").asText()).isEqualTo("r" + id);
                      assertThat(out.at("/outputs/0/shape").toString())
                          .isEqualTo("[" + rows + ",3]");
                      JsonNode data = out.at("/outputs/0/data");
                      int k = 0;
                      for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < 3; c++) {
                          assertThat(data.get(k++).asDouble())
                              .isEqualTo(2.0 * (id * 100 + r * 10 + c));
                        }
                      }
                    }
                    return null;
                  }));
        }
        go.countDown();
        for (Future<Void> f : results) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      JsonNode stats = t.client.get("/v2/models/default/stats").json().at("/model_stats/0");
      long inferences = stats.get("inference_count").asLong();
      long executions = stats.get("execution_count").asLong();
      assertThat(inferences).isEqualTo(clients * rounds);
      // minus the warmup run: merged requests ran in fewer model runs than there were requests
      assertThat(executions - 1).isLessThan(inferences);
      assertThat(stats.get("largest_batch").asLong()).isGreaterThan(3);
      System.out.printf(
          "dynamic batching: %d requests in %d model runs, largest batch %d rows%n",
          inferences, executions - 1, stats.get("largest_batch").asLong());
    }
  }

  @Test
  void batchingOff_runsEveryRequestOnItsOwn() {
    try (TestServer t = TestServer.load("scale")) {
      assertThat(t.client.get("/v2").json().at("/fathom/dynamic_batching").asBoolean()).isFalse();
      t.client.post("/v2/models/default/infer", request(1, 2));
      t.client.post("/v2/models/default/infer", request(2, 1));
      JsonNode stats = t.client.get("/v2/models/stats").json().at("/model_stats/0");
      assertThat(stats.get("execution_count").asLong()).isEqualTo(3);
    }
  }

  @Test
  void aModelWithAFixedFirstDimension_isNotBatched() {
    try (TestServer t = TestServer.load("fixed14", Map.of("FATHOM_BATCH_MAX_SIZE", "8"))) {
      assertThat(t.server.model().batching()).isFalse();
      assertThat(t.log()).contains("requests run one by one");
    }
  }
}
