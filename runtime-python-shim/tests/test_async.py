"""``async def main`` and ``async def init`` run to completion in the worker."""

import unittest

from .support import Shim, function_dir

FUNCTION = """
    import asyncio

    READY = []

    async def init(context):
        await asyncio.sleep(0.01)
        READY.append(True)

    async def main(data, context):
        await asyncio.sleep(0.01)
        if data.get("fail"):
            raise LookupError(data["fail"])
        print("async print")
        return {"value": data["value"], "initialised": READY == [True], "callId": context.call_id}
"""


class AsyncMainTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.shim = Shim(function_dir(FUNCTION), {"FATHOM_WORKERS": "1"}).wait_ready()

    @classmethod
    def tearDownClass(cls):
        cls.shim.stop()

    def test_asyncMain_returnsItsResult(self):
        reply = self.shim.invoke({"value": "v"}, {"X-Fathom-Call-Id": "c-async"})
        self.assertEqual(reply.status, 200)
        self.assertEqual(reply.json(), {"value": "v", "initialised": True, "callId": "c-async"})
        record = self.shim.wait_for_record(lambda r: r.get("message") == "async print")
        self.assertEqual(record["callId"], "c-async")

    def test_asyncMain_exceptionIsAFunctionError(self):
        reply = self.shim.invoke({"fail": "gone"})
        self.assertEqual(reply.status, 500)
        self.assertEqual(reply.json()["error"], {"code": "function-error", "message": "gone"})


if __name__ == "__main__":
    unittest.main()
