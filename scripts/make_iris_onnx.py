#!/usr/bin/env python3
"""Writes a tiny Iris-shaped ONNX classifier, made offline with onnx.helper (Debian python3-onnx).

Input  float_input: float32 [N, 4]   (the four Iris measurements)
Output label:       int64   [N]      (argmax of float_input x W + b: class 0, 1 or 2)

Opset 17, IR version 8, as the platform's inference engine requires (document section 5.1.2).
Usage: make_iris_onnx.py OUTPUT.onnx
"""
import sys

import onnx
from onnx import TensorProto, helper

# Weights that separate the three Iris classes well enough for a test model: petal length and
# width (columns 3 and 4) decide, as they do for a trained model.
WEIGHTS = [
    [0.0, 0.0, 0.0],
    [0.0, 0.0, 0.0],
    [-1.0, 0.5, 1.0],
    [-1.0, 0.5, 2.0],
]
BIAS = [4.0, 0.0, -6.0]


def build():
    w = helper.make_tensor("W", TensorProto.FLOAT, [4, 3], [v for row in WEIGHTS for v in row])
    b = helper.make_tensor("B", TensorProto.FLOAT, [3], BIAS)
    nodes = [
        helper.make_node("MatMul", ["float_input", "W"], ["scores_raw"]),
        helper.make_node("Add", ["scores_raw", "B"], ["scores"]),
        helper.make_node("ArgMax", ["scores"], ["label"], axis=1, keepdims=0),
    ]
    graph = helper.make_graph(
        nodes,
        "iris_classifier",
        [helper.make_tensor_value_info("float_input", TensorProto.FLOAT, [None, 4])],
        [helper.make_tensor_value_info("label", TensorProto.INT64, [None])],
        initializer=[w, b],
    )
    model = helper.make_model(
        graph, producer_name="fathom-make-iris-onnx", opset_imports=[helper.make_opsetid("", 17)]
    )
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def main(argv):
    if len(argv) != 2:
        print("usage: make_iris_onnx.py OUTPUT.onnx", file=sys.stderr)
        return 2
    onnx.save(build(), argv[1])
    print(argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
