"""Start-up failures: one ``fathom-shim: <cause>`` line on stderr, exit status 1, no hang."""

import os
import tempfile
import unittest

from .support import Shim, function_dir, run_to_exit, write_json

ECHO = "def main(data, context):\n    return data\n"


class StartupFailureTest(unittest.TestCase):
    def assertFailsNaming(self, directory, cause, env=None):
        code, stderr = run_to_exit(directory, env)
        self.assertEqual(code, 1, stderr)
        self.assertTrue(stderr, "nothing on stderr")
        self.assertTrue(stderr[-1].startswith("fathom-shim: "), stderr)
        self.assertIn(cause, stderr[-1])
        return stderr

    def test_noFuncPy(self):
        self.assertFailsNaming(tempfile.mkdtemp(), "no function/func.py in")

    def test_importError(self):
        stderr = self.assertFailsNaming(
            function_dir("import not_a_module_anywhere\n"),
            "cannot import function/func.py: ModuleNotFoundError: No module named 'not_a_module_anywhere'",
        )
        self.assertTrue(any("Traceback" in line for line in stderr[:-1]))  # details as JSON before

    def test_syntaxError(self):
        self.assertFailsNaming(
            function_dir("def main(data, context)\n    return data\n"),
            "cannot import function/func.py: SyntaxError",
        )

    def test_noMain(self):
        self.assertFailsNaming(
            function_dir("def handler(data, context):\n    return data\n"),
            "function/func.py defines no main(data, context)",
        )

    def test_initRaises(self):
        source = ECHO + "def init(context):\n    raise RuntimeError('no model file')\n"
        self.assertFailsNaming(function_dir(source), "init(context) raised RuntimeError: no model file")

    def test_workerExitsDuringImport(self):
        self.assertFailsNaming(
            function_dir("import os\nos._exit(7)\n"), "exited during start-up (exit code 7)"
        )

    def test_missingPort(self):
        self.assertFailsNaming(function_dir(ECHO), "PORT is required", {"PORT": ""})

    def test_nonNumericPort(self):
        self.assertFailsNaming(function_dir(ECHO), "PORT must be an integer", {"PORT": "eighty"})

    def test_portInUse(self):
        with Shim(function_dir(ECHO), {"FATHOM_WORKERS": "1"}).wait_ready() as running:
            self.assertFailsNaming(
                function_dir(ECHO), f"cannot listen on port {running.port}", {"PORT": str(running.port)}
            )

    def test_unreadableSchemaFile(self):
        missing = os.path.join(tempfile.mkdtemp(), "absent.json")
        self.assertFailsNaming(
            function_dir(ECHO),
            f"cannot read the input schema file {missing}",
            {"FATHOM_INPUT_SCHEMA_FILE": missing},
        )

    def test_schemaFileThatIsNotJson(self):
        path = os.path.join(tempfile.mkdtemp(), "out.json")
        with open(path, "w") as handle:
            handle.write("type: object")
        self.assertFailsNaming(
            function_dir(ECHO),
            f"the output schema file {path} is not JSON",
            {"FATHOM_OUTPUT_SCHEMA_FILE": path},
        )

    def test_schemaThatIsNotAJsonSchema(self):
        path = write_json(tempfile.mkdtemp(), "in.json", {"type": "no-such-type"})
        self.assertFailsNaming(
            function_dir(ECHO),
            f"the input schema file {path} is not a valid JSON Schema",
            {"FATHOM_INPUT_SCHEMA_FILE": path},
        )

    def test_schemaGivenButJsonschemaUnavailable(self):
        # FATHOM_SHIM_DISABLE_JSONSCHEMA=1 makes the loader behave as if the module were missing.
        path = write_json(tempfile.mkdtemp(), "in.json", {"type": "object"})
        self.assertFailsNaming(
            function_dir(ECHO),
            "the Python module 'jsonschema' cannot be imported",
            {"FATHOM_INPUT_SCHEMA_FILE": path, "FATHOM_SHIM_DISABLE_JSONSCHEMA": "1"},
        )


if __name__ == "__main__":
    unittest.main()
