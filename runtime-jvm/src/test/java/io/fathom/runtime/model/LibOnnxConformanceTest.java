package io.fathom.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fathom.runtime.model.onnx.ModelLoadException;
import io.fathom.runtime.model.tensor.BinaryTensors;
import io.fathom.runtime.model.tensor.Datatype;
import io.fathom.runtime.model.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Conformance against Debian's libonnx-testdata (the ONNX backend test cases): every case whose
 * values the V2 protocol can carry is loaded through the model server (one server, one model after
 * another), each {@code test_data_set_*} is sent to {@code POST /v2/models/default/infer} as binary
 * tensors (converted from {@code input_N.pb} by scripts/onnx_testdata_to_v2.py), and the outputs
 * are compared with {@code output_N.pb} within rtol 1e-3 / atol 1e-4. Cases ONNX Runtime refuses to
 * load (an operator or opset it does not support) are counted as skipped-unsupported. The counts
 * are printed and kept in docs/benchmarks.md; {@link #PASSED_FLOOR} holds the line.
 */
class LibOnnxConformanceTest {
  /** Measured 2026-11-23: see docs/benchmarks.md; a small margin below. */
  static final int PASSED_FLOOR = 950;

  static final Path TESTDATA = Path.of("/usr/share/libonnx-testdata/data");
  static final double RTOL = 1e-3;
  static final double ATOL = 1e-4;
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyRunnableBackendCase_matchesItsExpectedOutputs() throws Exception {
    assertThat(TESTDATA)
        .as("Debian's libonnx-testdata is not installed; run scripts/onnx-testdata.sh")
        .isDirectory();
    Path cases = convert();
    List<Path> caseFiles;
    try (Stream<Path> files = Files.walk(cases, 3)) {
      caseFiles = files.filter(p -> p.endsWith("case.json")).sorted().toList();
    }
    assertThat(caseFiles.size()).isGreaterThan(1000);

    int run = 0;
    int passed = 0;
    int unsupported = 0;
    int notV2 = 0;
    Map<String, String> failures = new TreeMap<>();
    Map<String, String> refused = new TreeMap<>();
    long started = System.nanoTime();
    try (TestServer t = TestServer.start("iris", Map.of("FATHOM_ONNX_INTRA_OP_THREADS", "1"))) {
      for (Path caseFile : caseFiles) {
        JsonNode c = JSON.readTree(caseFile.toFile());
        String name =
            caseFile.getParent().getParent().getFileName()
                + "/"
                + caseFile.getParent().getFileName();
        if (c.has("skip")) {
          notV2++;
          continue;
        }
        t.server.replace("default");
        try {
          t.server.load(Path.of(c.get("model").asText()).getParent());
        } catch (ModelLoadException e) {
          if (e.code().equals("onnx-runtime-refused")) {
            unsupported++;
            refused.put(name, e.getMessage());
          } else if (e.code().equals("unsupported-datatype")) {
            notV2++;
          } else {
            run++;
            failures.put(name, "load: " + e.getMessage());
          }
          continue;
        } catch (RuntimeException e) {
          run++;
          failures.put(name, "load: " + e.getMessage());
          continue;
        }
        run++;
        String failure = null;
        for (JsonNode set : c.get("sets")) {
          failure = runSet(t, caseFile.getParent(), set);
          if (failure != null) {
            break;
          }
        }
        if (failure == null) {
          passed++;
        } else {
          failures.put(name, failure);
        }
      }
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    String summary =
        String.format(
            "libonnx-testdata: run %d, passed %d, failed %d, skipped-unsupported %d,"
                + " skipped-not-v2 %d (of %d cases, %d s)",
            run, passed, failures.size(), unsupported, notV2, caseFiles.size(), seconds);
    System.out.println(summary);
    StringBuilder report = new StringBuilder(summary).append('\n');
    failures.forEach((k, v) -> report.append(k).append(": ").append(v).append('\n'));
    report.append("\nskipped-unsupported (ONNX Runtime refuses to load):\n");
    refused.forEach((k, v) -> report.append(k).append(": ").append(v).append('\n'));
    Path out =
        Path.of(System.getProperty("fathom.conformance.report", "target/onnx-conformance.txt"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, report);
    assertThat(passed)
        .as(summary + "; failures in " + out.toAbsolutePath())
        .isGreaterThanOrEqualTo(PASSED_FLOOR);
  }

  /** The converted cases, made once into ~/.cache/fathom (the converter keeps a stamp). */
  static Path convert() throws IOException, InterruptedException {
    Path out = Path.of(System.getProperty("user.home"), ".cache", "fathom", "onnx-testdata-v2");
    Path script = TestModels.repositoryFile("scripts/onnx_testdata_to_v2.py");
    Process p =
        new ProcessBuilder(
                "/usr/bin/python3", script.toString(), TESTDATA.toString(), out.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("converting libonnx-testdata failed:\n" + output);
    }
    return out;
  }

  /** Sends one test data set as binary tensors; null when every output matches. */
  private static String runSet(TestServer t, Path dir, JsonNode set) throws IOException {
    ObjectNode header = JSON.createObjectNode();
    ArrayNode inputs = header.putArray("inputs");
    ByteArrayOutputStream binary = new ByteArrayOutputStream();
    for (JsonNode in : set.get("inputs")) {
      byte[] bytes = Files.readAllBytes(dir.resolve(in.get("file").asText()));
      ObjectNode input = inputs.addObject();
      input.put("name", in.get("name").asText()).put("datatype", in.get("datatype").asText());
      input.set("shape", in.get("shape"));
      input.putObject("parameters").put("binary_data_size", bytes.length);
      binary.write(bytes);
    }
    ArrayNode outputs = header.putArray("outputs");
    for (JsonNode o : set.get("outputs")) {
      outputs
          .addObject()
          .put("name", o.get("name").asText())
          .putObject("parameters")
          .put("binary_data", true);
    }
    V2Client.Reply reply =
        t.client.postBinary(
            "/v2/models/default/infer", JSON.writeValueAsBytes(header), binary.toByteArray());
    if (reply.status() != 200) {
      return "HTTP " + reply.status() + ": " + reply.error();
    }
    JsonNode response = reply.json();
    byte[] all = reply.binary();
    Map<String, Tensor> got = new HashMap<>();
    int offset = 0;
    for (JsonNode o : response.get("outputs")) {
      int size = o.at("/parameters/binary_data_size").asInt();
      long[] shape = shape(o.get("shape"));
      byte[] bytes = java.util.Arrays.copyOfRange(all, offset, offset + size);
      offset += size;
      got.put(
          o.get("name").asText(),
          BinaryTensors.decode(
              o.get("name").asText(), Datatype.parse(o.get("datatype").asText()), shape, bytes));
    }
    for (JsonNode o : set.get("outputs")) {
      String name = o.get("name").asText();
      Datatype datatype = Datatype.parse(o.get("datatype").asText());
      Tensor expected =
          BinaryTensors.decode(
              name,
              datatype,
              shape(o.get("shape")),
              Files.readAllBytes(dir.resolve(o.get("file").asText())));
      Tensor actual = got.get(name);
      if (actual == null) {
        return "no output " + name;
      }
      String mismatch = compare(expected, actual);
      if (mismatch != null) {
        return name + ": " + mismatch;
      }
    }
    return null;
  }

  private static long[] shape(JsonNode shape) {
    long[] dims = new long[shape.size()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = shape.get(i).asLong();
    }
    return dims;
  }

  static String compare(Tensor expected, Tensor actual) {
    if (expected.datatype() != actual.datatype()) {
      return "datatype " + actual.datatype() + ", expected " + expected.datatype();
    }
    if (!java.util.Arrays.equals(expected.shape(), actual.shape())) {
      return "shape "
          + java.util.Arrays.toString(actual.shape())
          + ", expected "
          + java.util.Arrays.toString(expected.shape());
    }
    if (expected.datatype() == Datatype.BYTES) {
      return expected.strings().equals(actual.strings()) ? null : "strings differ";
    }
    ByteBuffer e = expected.buffer();
    ByteBuffer a = actual.buffer();
    long n = expected.elementCount();
    for (long i = 0; i < n; i++) {
      double x = value(expected.datatype(), e);
      double y = value(actual.datatype(), a);
      boolean floating =
          expected.datatype() == Datatype.FP16
              || expected.datatype() == Datatype.FP32
              || expected.datatype() == Datatype.FP64;
      if (floating) {
        if (Double.isNaN(x) && Double.isNaN(y) || x == y) {
          continue;
        }
        if (Math.abs(x - y) <= ATOL + RTOL * Math.abs(x)) {
          continue;
        }
      } else if (x == y) {
        continue;
      }
      return "element " + i + " is " + y + ", expected " + x;
    }
    return null;
  }

  private static double value(Datatype type, ByteBuffer b) {
    b.order(ByteOrder.LITTLE_ENDIAN);
    return switch (type) {
      case BOOL, INT8 -> b.get();
      case UINT8 -> b.get() & 0xff;
      case INT16 -> b.getShort();
      case INT32 -> b.getInt();
      case INT64 -> b.getLong();
      case FP16 -> Float.float16ToFloat(b.getShort());
      case FP32 -> b.getFloat();
      case FP64 -> b.getDouble();
      case BYTES -> throw new IllegalStateException("strings are compared as strings");
    };
  }
}
