import unittest

from fathom_shim import config
from fathom_shim.config import ConfigError


class ConfigLoadTest(unittest.TestCase):
    def test_load_appliesContractDefaults(self):
        loaded = config.load({"PORT": "8080"})
        self.assertEqual(loaded.port, 8080)
        self.assertEqual(loaded.timeout_seconds, 60)
        self.assertEqual(loaded.drain_seconds, 10)
        self.assertEqual(loaded.workers, 2)
        self.assertEqual(loaded.max_body_bytes, 6 * 1024 * 1024)
        self.assertEqual(loaded.function_dir, ".")
        self.assertEqual(loaded.entry_point, "function.func:main")
        self.assertIsNone(loaded.input_schema_file)
        self.assertIsNone(loaded.output_schema_file)
        self.assertFalse(loaded.disable_jsonschema)
        self.assertTrue(loaded.access_log)

    def test_load_readsEverySetting(self):
        loaded = config.load(
            {
                "PORT": "9000",
                "FATHOM_TIMEOUT_SECONDS": "2.5",
                "FATHOM_DRAIN_SECONDS": "0",
                "FATHOM_WORKERS": "4",
                "FATHOM_MAX_BODY_BYTES": "1024",
                "FATHOM_FUNCTION_DIR": "/src",
                "FATHOM_INPUT_SCHEMA_FILE": "/in.json",
                "FATHOM_OUTPUT_SCHEMA_FILE": "/out.json",
                "FATHOM_SHIM_DISABLE_JSONSCHEMA": "1",
                "FATHOM_ENTRY_POINT": "function.handlers:handle",
                "FATHOM_ACCESS_LOG": "0",
            }
        )
        self.assertEqual((loaded.port, loaded.timeout_seconds, loaded.drain_seconds), (9000, 2.5, 0))
        self.assertEqual((loaded.workers, loaded.max_body_bytes, loaded.function_dir), (4, 1024, "/src"))
        self.assertEqual((loaded.input_schema_file, loaded.output_schema_file), ("/in.json", "/out.json"))
        self.assertTrue(loaded.disable_jsonschema)
        self.assertEqual(loaded.entry_point, "function.handlers:handle")
        self.assertFalse(loaded.access_log)

    def test_load_rejectsMissingPort(self):
        with self.assertRaisesRegex(ConfigError, "PORT is required"):
            config.load({})

    def test_load_rejectsNonNumericPortNamingIt(self):
        with self.assertRaisesRegex(ConfigError, r"PORT must be an integer from 1 to 65535, got 'http'"):
            config.load({"PORT": "http"})

    def test_load_rejectsPortOutOfRange(self):
        for value in ("0", "65536", "-1"):
            with self.subTest(value=value), self.assertRaisesRegex(ConfigError, "PORT must be"):
                config.load({"PORT": value})

    def test_load_rejectsBadNumbersNamingTheVariable(self):
        cases = {
            "FATHOM_TIMEOUT_SECONDS": ["0", "abc", "inf", "nan"],
            "FATHOM_DRAIN_SECONDS": ["-1", "soon"],
            "FATHOM_WORKERS": ["0", "1.5", "many"],
            "FATHOM_MAX_BODY_BYTES": ["0", "6MiB"],
            "FATHOM_SHIM_DISABLE_JSONSCHEMA": ["yes"],
            "FATHOM_ACCESS_LOG": ["off"],
            "FATHOM_ENTRY_POINT": ["main", "function/func.py:main", "a:b:c", "function.func:"],
        }
        for name, values in cases.items():
            for value in values:
                with self.subTest(name=name, value=value), self.assertRaisesRegex(ConfigError, name):
                    config.load({"PORT": "8080", name: value})

    def test_load_reportsEveryBadVariableAtOnce(self):
        with self.assertRaises(ConfigError) as raised:
            config.load({"PORT": "x", "FATHOM_WORKERS": "none"})
        self.assertIn("PORT", str(raised.exception))
        self.assertIn("FATHOM_WORKERS", str(raised.exception))

    def test_load_treatsEmptyValuesAsUnset(self):
        loaded = config.load({"PORT": "8080", "FATHOM_WORKERS": "", "FATHOM_INPUT_SCHEMA_FILE": " "})
        self.assertEqual(loaded.workers, 2)
        self.assertIsNone(loaded.input_schema_file)

    def test_load_collectsSdkVariablesUntouched(self):
        env = {
            "PORT": "8080",
            "FATHOM_SDK_BASE_URL": "https://x/",
            "FATHOM_SDK_SERVICE_PATH_ML": "/v1/ml",
            "FATHOM_WORKERS": "3",
            "HOME": "/root",
        }
        loaded = config.load(env)
        self.assertEqual(
            loaded.sdk, {"FATHOM_SDK_BASE_URL": "https://x/", "FATHOM_SDK_SERVICE_PATH_ML": "/v1/ml"}
        )
        self.assertEqual(loaded.env, env)
        self.assertIsNot(loaded.env, env)


if __name__ == "__main__":
    unittest.main()
