package io.fathom.runtime.model.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fathom.runtime.model.infer.InferenceException;
import io.fathom.runtime.model.tensor.BinaryTensors;
import io.fathom.runtime.model.tensor.Datatype;
import io.fathom.runtime.model.tensor.JsonTensors;
import io.fathom.runtime.model.tensor.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A parsed V2 inference request: JSON, or (binary tensor extension) a JSON header of {@code
 * Inference-Header-Content-Length} bytes followed by the inputs that carry {@code
 * parameters.binary_data_size}, in order.
 *
 * @param id echoed in the response
 * @param parameters passed through to the response
 * @param outputs the outputs asked for (empty: all)
 */
record V2Request(
    Optional<String> id,
    Optional<ObjectNode> parameters,
    List<Tensor> inputs,
    List<RequestedOutput> outputs) {

  /** One entry of {@code outputs}: its name and whether it goes back as binary data. */
  record RequestedOutput(String name, boolean binary) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Whether output {@code name} is answered in binary. */
  boolean binary(String name) {
    for (RequestedOutput o : outputs) {
      if (o.name().equals(name)) {
        return o.binary();
      }
    }
    return parameters.map(p -> p.path("binary_data_output").asBoolean(false)).orElse(false);
  }

  static V2Request parse(byte[] body, Optional<Integer> headerLength) {
    int jsonLength = headerLength.orElse(body.length);
    if (jsonLength < 0 || jsonLength > body.length) {
      throw bad(
          "Inference-Header-Content-Length is "
              + jsonLength
              + " but the body has "
              + body.length
              + " bytes");
    }
    JsonNode root;
    try {
      root = JSON.readTree(body, 0, jsonLength);
    } catch (IOException e) {
      throw bad("the request is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw bad("the request must be a JSON object with 'inputs'");
    }
    Optional<String> id =
        root.hasNonNull("id") ? Optional.of(root.get("id").asText()) : Optional.empty();
    Optional<ObjectNode> parameters = Optional.empty();
    if (root.has("parameters")) {
      if (!(root.get("parameters") instanceof ObjectNode p)) {
        throw bad("'parameters' must be an object");
      }
      parameters = Optional.of(p);
    }
    JsonNode inputs = root.get("inputs");
    if (inputs == null || !inputs.isArray()) {
      throw bad("the request has no 'inputs' list");
    }
    int offset = jsonLength;
    List<Tensor> tensors = new ArrayList<>();
    for (JsonNode input : inputs) {
      String name = text(input, "name", "an input");
      Datatype datatype;
      try {
        datatype = Datatype.parse(text(input, "datatype", "input '" + name + "'"));
      } catch (IllegalArgumentException e) {
        throw bad("input '" + name + "': " + e.getMessage());
      }
      long[] shape = shape(input, name);
      JsonNode binarySize = input.path("parameters").get("binary_data_size");
      try {
        if (binarySize != null) {
          if (!binarySize.canConvertToLong() || binarySize.asLong() < 0) {
            throw bad("input '" + name + "': binary_data_size must be a byte count");
          }
          long size = binarySize.asLong();
          if (offset + size > body.length) {
            throw bad(
                "input '"
                    + name
                    + "' has binary_data_size "
                    + size
                    + " but only "
                    + (body.length - offset)
                    + " bytes of binary data remain");
          }
          byte[] bytes = Arrays.copyOfRange(body, offset, offset + (int) size);
          offset += (int) size;
          tensors.add(BinaryTensors.decode(name, datatype, shape, bytes));
        } else {
          tensors.add(JsonTensors.decode(name, datatype, shape, input.get("data")));
        }
      } catch (InferenceException e) {
        throw e;
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw bad(e.getMessage());
      }
    }
    if (offset != body.length) {
      throw bad(
          (body.length - offset)
              + " bytes of binary data follow the inputs' binary_data_size; they must add up");
    }
    List<RequestedOutput> outputs = new ArrayList<>();
    JsonNode asked = root.get("outputs");
    if (asked != null && !asked.isNull()) {
      if (!asked.isArray()) {
        throw bad("'outputs' must be a list of {\"name\": …}");
      }
      boolean all =
          parameters.map(p -> p.path("binary_data_output").asBoolean(false)).orElse(false);
      for (JsonNode output : asked) {
        String name = text(output, "name", "an output");
        JsonNode flag = output.path("parameters").get("binary_data");
        outputs.add(new RequestedOutput(name, flag == null ? all : flag.asBoolean()));
      }
    }
    return new V2Request(id, parameters, tensors, outputs);
  }

  private static String text(JsonNode node, String field, String what) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw bad(what + " has no '" + field + "'");
    }
    return value.asText();
  }

  private static long[] shape(JsonNode input, String name) {
    JsonNode shape = input.get("shape");
    if (shape == null || !shape.isArray()) {
      throw bad("input '" + name + "' has no 'shape' list");
    }
    long[] dims = new long[shape.size()];
    for (int i = 0; i < dims.length; i++) {
      JsonNode dim = shape.get(i);
      if (!dim.isIntegralNumber() || dim.asLong() < 0) {
        throw bad("input '" + name + "': shape " + shape + " must be non-negative integers");
      }
      dims[i] = dim.asLong();
    }
    return dims;
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  private static InferenceException bad(String message) {
    return InferenceException.badRequest(message);
  }
}
