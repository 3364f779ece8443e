#!/usr/bin/env python3
"""Converts Debian's libonnx-testdata (ONNX backend test cases) into V2 binary requests.

For every case directory with a model.onnx and test_data_set_*/input_N.pb, output_N.pb, writes
OUT/<group>/<case>/case.json:
  {"model": ".../model.onnx", "sets": [{"inputs": [{"name", "datatype", "shape", "file"}],
   "outputs": [...]}]}
with each tensor as a .bin file in the V2 binary tensor encoding (little-endian raw values; BYTES
as 4-byte little-endian length + bytes per element), or {"skip": "<reason>"} when the case uses
something the V2 protocol cannot carry (sequence/optional/map values, datatypes outside BOOL,
UINT8, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES).
A stamp file makes reruns free. Usage: onnx_testdata_to_v2.py SRC_DIR OUT_DIR
"""
import glob
import json
import os
import struct
import sys

import numpy as np
import onnx
from onnx import TensorProto, numpy_helper

V2 = {
    TensorProto.BOOL: "BOOL",
    TensorProto.UINT8: "UINT8",
    TensorProto.INT8: "INT8",
    TensorProto.INT16: "INT16",
    TensorProto.INT32: "INT32",
    TensorProto.INT64: "INT64",
    TensorProto.FLOAT16: "FP16",
    TensorProto.FLOAT: "FP32",
    TensorProto.DOUBLE: "FP64",
    TensorProto.STRING: "BYTES",
}
STAMP = ".converted-v1"


class Skip(Exception):
    pass


def encode(array, datatype):
    if datatype == "BYTES":
        out = bytearray()
        for item in array.flatten():
            value = item if isinstance(item, bytes) else str(item).encode("utf-8")
            out += struct.pack("<I", len(value)) + value
        return bytes(out)
    if datatype == "BOOL":
        return np.ascontiguousarray(array.astype(np.uint8)).tobytes()
    return np.ascontiguousarray(array.astype(array.dtype.newbyteorder("<"))).tobytes()


def tensor_values(graph_values):
    """Names and element types of the graph's tensor values; Skip for non-tensor ones."""
    out = []
    for value in graph_values:
        kind = value.type.WhichOneof("value")
        if kind != "tensor_type":
            raise Skip(f"{value.name} is a {kind}, not a tensor")
        elem = value.type.tensor_type.elem_type
        if elem not in V2:
            raise Skip(f"{value.name} has element type {TensorProto.DataType.Name(elem)}")
        out.append(value.name)
    return out


def convert_set(set_dir, inputs, outputs, out_dir, index):
    entry = {"inputs": [], "outputs": []}
    for kind, names in (("input", inputs), ("output", outputs)):
        files = sorted(
            glob.glob(os.path.join(set_dir, f"{kind}_*.pb")),
            key=lambda f: int(os.path.basename(f)[len(kind) + 1 : -3]),
        )
        for position, path in enumerate(files):
            tensor = TensorProto()
            with open(path, "rb") as f:
                tensor.ParseFromString(f.read())
            if tensor.data_type not in V2:
                raise Skip(f"{os.path.basename(path)} has data type {tensor.data_type}")
            name = tensor.name or (names[position] if position < len(names) else None)
            if name is None:
                raise Skip(f"{os.path.basename(path)} has no name and no graph {kind} at {position}")
            array = numpy_helper.to_array(tensor)
            datatype = V2[tensor.data_type]
            file = f"set{index}_{kind}_{position}.bin"
            with open(os.path.join(out_dir, file), "wb") as f:
                f.write(encode(array, datatype))
            entry[kind + "s"].append(
                {"name": name, "datatype": datatype, "shape": list(array.shape), "file": file}
            )
    return entry


def convert_case(case_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    model_path = os.path.join(case_dir, "model.onnx")
    result = {"model": model_path}
    try:
        model = onnx.load(model_path, load_external_data=False)
        initializers = {i.name for i in model.graph.initializer}
        inputs = tensor_values([i for i in model.graph.input if i.name not in initializers])
        outputs = tensor_values(model.graph.output)
        sets = []
        for index, set_dir in enumerate(sorted(glob.glob(os.path.join(case_dir, "test_data_set_*")))):
            sets.append(convert_set(set_dir, inputs, outputs, out_dir, index))
        if not sets:
            raise Skip("no test_data_set")
        result["sets"] = sets
    except Skip as e:
        result = {"model": model_path, "skip": str(e)}
    except Exception as e:  # a case this converter cannot read
        result = {"model": model_path, "skip": f"unreadable: {e}"}
    with open(os.path.join(out_dir, "case.json"), "w") as f:
        json.dump(result, f)
    return "skip" not in result


def main(argv):
    if len(argv) != 3:
        print("usage: onnx_testdata_to_v2.py SRC_DIR OUT_DIR", file=sys.stderr)
        return 2
    src, out = argv[1], argv[2]
    if os.path.exists(os.path.join(out, STAMP)):
        print(out)
        return 0
    cases = sorted(os.path.dirname(p) for p in glob.glob(os.path.join(src, "*", "*", "model.onnx")))
    converted = 0
    for case_dir in cases:
        group = os.path.basename(os.path.dirname(case_dir))
        name = os.path.basename(case_dir)
        converted += convert_case(case_dir, os.path.join(out, group, name))
    with open(os.path.join(out, STAMP), "w") as f:
        f.write(f"{len(cases)} cases, {converted} convertible\n")
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
