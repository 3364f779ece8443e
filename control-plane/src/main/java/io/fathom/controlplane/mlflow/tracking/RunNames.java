package io.fathom.controlplane.mlflow.tracking;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** MLflow-style generated run names: {@code adjective-noun-number}. */
final class RunNames {
  private static final List<String> ADJECTIVES =
      List.of(
          "bold", "calm", "clever", "eager", "gentle", "keen", "lucky", "merry", "quiet", "swift");
  private static final List<String> NOUNS =
      List.of("bass", "crane", "finch", "fox", "hare", "lark", "otter", "owl", "seal", "wren");

  private RunNames() {}

  static String generate() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return ADJECTIVES.get(random.nextInt(ADJECTIVES.size()))
        + "-"
        + NOUNS.get(random.nextInt(NOUNS.size()))
        + "-"
        + random.nextInt(1000);
  }
}
