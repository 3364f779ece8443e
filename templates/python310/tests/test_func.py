"""Runs main in-process with a fake context: python3 -m pytest (or python3 -m unittest discover -s tests)."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from function.func import main  # noqa: E402


class FakeLogger:
    def __init__(self):
        self.lines = []

    def info(self, message, *args):
        self.lines.append(("info", message % args if args else message))

    warning = error = info


class FakeContext:
    def __init__(self, sdk=None):
        self.call_id = "test-call"
        self.deadline_ms = None
        self.sdk = sdk or {}
        self.env = dict(self.sdk)
        self.logger = FakeLogger()

    def remaining_ms(self):
        return 60_000


class MainTest(unittest.TestCase):
    def test_greetsByName(self):
        result = main({"name": "Ada"}, FakeContext())
        self.assertEqual(result["greeting"], "Hello, Ada!")
        self.assertEqual(result["callId"], "test-call")

    def test_greetsTheWorldWithoutAName(self):
        self.assertEqual(main({}, FakeContext())["greeting"], "Hello, World!")

    def test_buildsTheMlServiceUrlFromTheSdkSettings(self):
        context = FakeContext(
            {
                "FATHOM_SDK_BASE_URL": "https://internal-address/",
                "FATHOM_SDK_SERVICE_PATH_ML": "/v1/ml",
            }
        )
        result = main({"name": "Ada"}, context)
        self.assertEqual(
            result["mlServiceUrl"], "https://internal-address/v1/ml/openapi"
        )
        self.assertIn(
            ("info", "ML service at https://internal-address/v1/ml/openapi"),
            context.logger.lines,
        )

    def test_mlServiceUrlIsNoneOutsideThePlatform(self):
        self.assertIsNone(main({"name": "Ada"}, FakeContext())["mlServiceUrl"])


if __name__ == "__main__":
    unittest.main()
