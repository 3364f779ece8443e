package io.fathom.scaffolds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML → Jackson tree, remembering the line of every value by its dotted path so that schema errors
 * can name the line. Anchors, aliases and custom tags are refused.
 */
final class YamlTree {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final Map<String, Integer> lines = new HashMap<>();

  private YamlTree() {}

  record Parsed(JsonNode root, Map<String, Integer> lines) {}

  static Parsed parse(String yaml) throws ManifestException {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(0);
    options.setCodePointLimit(1024 * 1024);
    Node node;
    try {
      node = new Yaml(options).compose(new StringReader(yaml));
    } catch (RuntimeException e) {
      int line = 0;
      if (e instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked
          && marked.getProblemMark() != null) {
        line = marked.getProblemMark().getLine() + 1;
      }
      throw new ManifestException("", line, "is not valid YAML: " + firstLine(e.getMessage()));
    }
    if (node == null) {
      throw new ManifestException("", 1, "is empty");
    }
    YamlTree tree = new YamlTree();
    return new Parsed(tree.convert(node, ""), Map.copyOf(tree.lines));
  }

  private JsonNode convert(Node node, String path) throws ManifestException {
    lines.put(path, node.getStartMark().getLine() + 1);
    if (node instanceof MappingNode mapping) {
      ObjectNode object = F.objectNode();
      for (NodeTuple tuple : mapping.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
          throw new ManifestException(path, line(tuple.getKeyNode()), "keys must be plain strings");
        }
        String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
        if (object.has(key.getValue())) {
          throw new ManifestException(child, line(key), "appears twice");
        }
        object.set(key.getValue(), convert(tuple.getValueNode(), child));
      }
      return object;
    }
    if (node instanceof SequenceNode sequence) {
      ArrayNode array = F.arrayNode();
      int i = 0;
      for (Node item : sequence.getValue()) {
        array.add(convert(item, path + "[" + i++ + "]"));
      }
      return array;
    }
    ScalarNode scalar = (ScalarNode) node;
    Tag tag = scalar.getTag();
    String value = scalar.getValue();
    if (Tag.NULL.equals(tag)) {
      return F.nullNode();
    }
    if (Tag.BOOL.equals(tag)) {
      return F.booleanNode(
          switch (value.toLowerCase()) {
            case "true", "yes", "on", "y" -> true;
            default -> false;
          });
    }
    if (Tag.INT.equals(tag)) {
      try {
        return F.numberNode(new BigInteger(value.replace("_", "")));
      } catch (NumberFormatException e) {
        return F.textNode(value);
      }
    }
    if (Tag.FLOAT.equals(tag)) {
      try {
        return F.numberNode(new BigDecimal(value.replace("_", "")));
      } catch (NumberFormatException e) {
        return F.textNode(value);
      }
    }
    if (!Tag.STR.equals(tag)) {
      throw new ManifestException(
          path, line(node), "custom YAML tags (" + tag + ") are not allowed");
    }
    return F.textNode(value);
  }

  private static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
