"""FATHOM_ENTRY_POINT (func.yaml's entryPoint, passed by the local runner) picks module:function."""

import unittest

from .support import Shim, function_dir, run_to_exit

HANDLERS = """
def init(context):
    print("init from handlers")

def handle(data, context):
    return {"handled": data}
"""


class EntryPointTest(unittest.TestCase):
    def test_entryPoint_namesTheModuleAndFunction(self):
        directory = function_dir(
            "raise RuntimeError('func.py must not be imported')\n", {"function/handlers.py": HANDLERS}
        )
        with Shim(
            directory, {"FATHOM_WORKERS": "1", "FATHOM_ENTRY_POINT": "function.handlers:handle"}
        ) as shim:
            shim.wait_ready()
            reply = shim.invoke({"n": 1})
            self.assertEqual((reply.status, reply.json()), (200, {"handled": {"n": 1}}))

    def test_entryPoint_missingFunctionIsAStartupError(self):
        code, stderr = run_to_exit(
            function_dir("def main(data, context):\n    return data\n"),
            {"FATHOM_ENTRY_POINT": "function.func:handle"},
        )
        self.assertEqual(code, 1)
        self.assertEqual(stderr[-1], "fathom-shim: function/func.py defines no handle(data, context)")


if __name__ == "__main__":
    unittest.main()
