"""Input and output JSON Schema validation (needs jsonschema: Debian python3-jsonschema)."""

import tempfile
import unittest

from .support import Shim, function_dir, write_json

FUNCTION = """
    def main(data, context):
        if data["action"] == "bad-output":
            return {"unexpected": True}
        return {"value": data.get("value")}
"""


class SchemaValidationTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        schemas = tempfile.mkdtemp(prefix="fathom-shim-schema-")
        cls.shim = Shim(
            function_dir(FUNCTION),
            {
                "FATHOM_WORKERS": "1",
                "FATHOM_INPUT_SCHEMA_FILE": write_json(
                    schemas,
                    "in.json",
                    {"type": "object", "required": ["action"], "properties": {"value": {"type": "integer"}}},
                ),
                "FATHOM_OUTPUT_SCHEMA_FILE": write_json(
                    schemas, "out.json", {"type": "object", "not": {"required": ["unexpected"]}}
                ),
            },
        ).wait_ready()

    @classmethod
    def tearDownClass(cls):
        cls.shim.stop()

    def test_validInputAndOutput_pass(self):
        reply = self.shim.invoke({"action": "echo", "value": 3})
        self.assertEqual((reply.status, reply.json()), (200, {"value": 3}))

    def test_inputViolation_is422AndTheHandlerIsNotCalled(self):
        # Without "action" the handler would raise KeyError (500); 422 shows it was never called.
        reply = self.shim.invoke({"value": 3}, {"X-Fathom-Call-Id": "c-422"})
        self.assertEqual(reply.status, 422)
        self.assertEqual(reply.json()["error"]["code"], "input-schema-violation")
        self.assertIn("'action' is a required property", reply.json()["error"]["message"])
        self.assertEqual(reply.headers["X-Fathom-Call-Id"], "c-422")

    def test_inputViolation_namesTheLocation(self):
        reply = self.shim.invoke({"action": "echo", "value": "three"})
        self.assertEqual(reply.status, 422)
        self.assertIn("$.value", reply.json()["error"]["message"])

    def test_outputViolation_is500(self):
        reply = self.shim.invoke({"action": "bad-output"})
        self.assertEqual(reply.status, 500)
        self.assertEqual(reply.json()["error"]["code"], "output-schema-violation")


if __name__ == "__main__":
    unittest.main()
