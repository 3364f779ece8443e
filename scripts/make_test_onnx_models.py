#!/usr/bin/env python3
"""Writes the model server's test models, offline, as MLflow ONNX model directories.

Each directory is what mlflow.onnx.log_model saves: MLmodel (with or without a signature),
model.onnx and, where given, input_example.json. Made with onnx.helper (Debian python3-onnx),
opset 17, IR version 8.

  iris/           float_input FP32 [-1,4] -> label INT64 [-1]; signature [-1,4]; input example
  iris-fixed/     the same graph, signature [1,4] as in the platform document's script
  fixed14/        graph input [1,4] (no dynamic dim), no signature: metadata from the graph
  types/          one Identity per datatype (in_bool..in_fp64 [-1,3] -> out_*), no signature
  strings/        text BYTES [-1] -> same strings; signature with dtype str
  scale/          x FP32 [-1,3] -> y = 2x (for batching: every row's output is its own)
  external/       x FP32 [4] -> y = x + W, W in an external data file (weights.bin)
  twoout/         x FP32 [-1,2] -> sum FP32 [-1,2] = x+1, neg FP32 [-1,2] = -x
  mlp/            x FP32 [-1,256] -> y FP32 [-1,10], three dense layers (5 MB of weights) for
                  benchmarks and the CUDA check

Usage: make_test_onnx_models.py OUTPUT_DIR
"""
import json
import os
import sys

import numpy
import onnx
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_iris_onnx  # noqa: E402

TYPES = {
    "bool": (TensorProto.BOOL, "bool"),
    "uint8": (TensorProto.UINT8, "uint8"),
    "int8": (TensorProto.INT8, "int8"),
    "int16": (TensorProto.INT16, "int16"),
    "int32": (TensorProto.INT32, "int32"),
    "int64": (TensorProto.INT64, "int64"),
    "fp16": (TensorProto.FLOAT16, "float16"),
    "fp32": (TensorProto.FLOAT, "float32"),
    "fp64": (TensorProto.DOUBLE, "float64"),
}


def model(graph):
    m = helper.make_model(
        graph, producer_name="fathom-test-models", opset_imports=[helper.make_opsetid("", 17)]
    )
    m.ir_version = 8
    onnx.checker.check_model(m)
    return m


def spec(name, dtype, shape):
    return {"type": "tensor", "tensor-spec": {"dtype": dtype, "shape": shape}, "name": name}


def mlmodel(directory, inputs=None, outputs=None, example=None, session_options=None):
    lines = [
        "artifact_path: model",
        "flavors:",
        "  onnx:",
        "    code: null",
        "    data: model.onnx",
        "    onnx_version: 1.12.0",
        "    providers:",
        "    - CUDAExecutionProvider",
        "    - CPUExecutionProvider",
    ]
    if session_options:
        lines.append("    onnx_session_options:")
        for key, value in session_options.items():
            lines.append(f"      {key}: {json.dumps(value)}")
    lines += [
        "  python_function:",
        "    data: model.onnx",
        "    loader_module: mlflow.onnx",
        "mlflow_version: 3.5.0",
    ]
    if example is not None:
        lines += [
            "saved_input_example_info:",
            "  artifact_path: input_example.json",
            "  type: ndarray",
        ]
        with open(os.path.join(directory, "input_example.json"), "w") as f:
            json.dump(example, f)
    if inputs is not None:
        lines += [
            "signature:",
            "  inputs: " + json.dumps(json.dumps(inputs)),
            "  outputs: " + json.dumps(json.dumps(outputs)),
            "  params: null",
        ]
    with open(os.path.join(directory, "MLmodel"), "w") as f:
        f.write("\n".join(lines) + "\n")


def save(out, name, m, **kwargs):
    directory = os.path.join(out, name)
    os.makedirs(directory, exist_ok=True)
    onnx.save(m, os.path.join(directory, "model.onnx"))
    mlmodel(directory, **kwargs)


def iris_fixed_graph():
    m = make_iris_onnx.build()
    dims = m.graph.input[0].type.tensor_type.shape.dim
    dims[0].ClearField("dim_param")
    dims[0].dim_value = 1
    onnx.checker.check_model(m)
    return m


def types_model():
    nodes, inputs, outputs = [], [], []
    for suffix, (elem, _) in TYPES.items():
        nodes.append(helper.make_node("Identity", [f"in_{suffix}"], [f"out_{suffix}"]))
        inputs.append(helper.make_tensor_value_info(f"in_{suffix}", elem, [None, 3]))
        outputs.append(helper.make_tensor_value_info(f"out_{suffix}", elem, [None, 3]))
    return model(helper.make_graph(nodes, "types", inputs, outputs))


def strings_model():
    return model(
        helper.make_graph(
            [helper.make_node("Identity", ["text"], ["same"])],
            "strings",
            [helper.make_tensor_value_info("text", TensorProto.STRING, [None])],
            [helper.make_tensor_value_info("same", TensorProto.STRING, [None])],
        )
    )


def scale_model():
    two = helper.make_tensor("two", TensorProto.FLOAT, [], [2.0])
    return model(
        helper.make_graph(
            [helper.make_node("Mul", ["x", "two"], ["y"])],
            "scale",
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 3])],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, 3])],
            initializer=[two],
        )
    )


def twoout_model():
    one = helper.make_tensor("one", TensorProto.FLOAT, [], [1.0])
    return model(
        helper.make_graph(
            [
                helper.make_node("Add", ["x", "one"], ["sum"]),
                helper.make_node("Neg", ["x"], ["neg"]),
            ],
            "twoout",
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 2])],
            [
                helper.make_tensor_value_info("sum", TensorProto.FLOAT, [None, 2]),
                helper.make_tensor_value_info("neg", TensorProto.FLOAT, [None, 2]),
            ],
            initializer=[one],
        )
    )


def mlp_model():
    rng = numpy.random.default_rng(7)
    sizes = [256, 1024, 1024, 10]
    nodes, inits, last = [], [], "x"
    for i in range(3):
        w = rng.standard_normal((sizes[i], sizes[i + 1])).astype(numpy.float32) / 16
        inits.append(numpy_helper.from_array(w, f"W{i}"))
        nodes.append(helper.make_node("MatMul", [last, f"W{i}"], [f"h{i}"]))
        last = f"h{i}"
        if i < 2:
            nodes.append(helper.make_node("Relu", [last], [f"r{i}"]))
            last = f"r{i}"
    nodes.append(helper.make_node("Identity", [last], ["y"]))
    return model(
        helper.make_graph(
            nodes,
            "mlp",
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 256])],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, 10])],
            initializer=inits,
        )
    )


def save_external(out):
    # raw_data, so that onnx writes it to the external file
    weights = numpy_helper.from_array(numpy.array([10.0, 20.0, 30.0, 40.0], numpy.float32), "W")
    m = model(
        helper.make_graph(
            [helper.make_node("Add", ["x", "W"], ["y"])],
            "external",
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, [4])],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, [4])],
            initializer=[weights],
        )
    )
    directory = os.path.join(out, "external")
    os.makedirs(directory, exist_ok=True)
    onnx.save_model(
        m,
        os.path.join(directory, "model.onnx"),
        save_as_external_data=True,
        all_tensors_to_one_file=True,
        location="weights.bin",
        size_threshold=0,
    )
    mlmodel(directory)


def main(argv):
    if len(argv) != 2:
        print("usage: make_test_onnx_models.py OUTPUT_DIR", file=sys.stderr)
        return 2
    out = argv[1]
    iris_in = [spec("float_input", "float32", [-1, 4])]
    iris_out = [spec("label", "int64", [-1])]
    save(
        out,
        "iris",
        make_iris_onnx.build(),
        inputs=iris_in,
        outputs=iris_out,
        example=[[5.1, 3.5, 1.4, 0.2]],
        session_options={"intra_op_num_threads": 1, "execution_mode": "sequential"},
    )
    save(
        out,
        "iris-fixed",
        make_iris_onnx.build(),
        inputs=[spec("float_input", "float32", [1, 4])],
        outputs=iris_out,
        example=[[5.1, 3.5, 1.4, 0.2]],
    )
    save(out, "fixed14", iris_fixed_graph())
    save(out, "types", types_model())
    save(
        out,
        "strings",
        strings_model(),
        inputs=[spec("text", "str", [-1])],
        outputs=[spec("same", "str", [-1])],
        example={"text": ["warm", "up"]},
    )
    save(out, "scale", scale_model())
    save(out, "twoout", twoout_model())
    save(out, "mlp", mlp_model())
    save_external(out)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
