"""SIGTERM: ready turns 503 draining, new calls 503, in-flight calls finish, then exit 0."""

import concurrent.futures
import time
import unittest

from .support import Shim, function_dir

FUNCTION = """
    import time

    def main(data, context):
        time.sleep(data["ms"] / 1000)
        return {"slept": data["ms"]}
"""


class DrainTest(unittest.TestCase):
    def test_sigterm_letsTheInFlightCallFinishThenExitsZero(self):
        with Shim(
            function_dir(FUNCTION), {"FATHOM_DRAIN_SECONDS": "10"}
        ).wait_ready() as shim, concurrent.futures.ThreadPoolExecutor(1) as calls:
            in_flight = calls.submit(shim.invoke, {"ms": 1500})
            time.sleep(0.3)
            shim.signal()
            time.sleep(0.2)
            ready = shim.get("/_/ready")
            self.assertEqual((ready.status, ready.json()), (503, {"status": "draining"}))
            refused = shim.invoke({"ms": 1}, {"X-Fathom-Call-Id": "late"})
            self.assertEqual(refused.status, 503)
            self.assertEqual(refused.json()["error"]["code"], "draining")
            self.assertEqual(refused.headers["X-Fathom-Call-Id"], "late")
            self.assertEqual(shim.get("/_/health").status, 200)
            finished = in_flight.result()
            self.assertEqual((finished.status, finished.json()), (200, {"slept": 1500}))
            self.assertEqual(shim.wait_exit(5), 0)

    def test_sigterm_exitsZeroWhenTheDrainPeriodEnds(self):
        with Shim(
            function_dir(FUNCTION), {"FATHOM_DRAIN_SECONDS": "0.5"}
        ).wait_ready() as shim, concurrent.futures.ThreadPoolExecutor(1) as calls:
            in_flight = calls.submit(shim.invoke, {"ms": 20_000})
            time.sleep(0.3)
            started = time.monotonic()
            shim.signal()
            self.assertEqual(shim.wait_exit(5), 0)
            self.assertLess(time.monotonic() - started, 3)
            cut = in_flight.result()  # cut off, answered before the process ends
            self.assertEqual((cut.status, cut.json()["error"]["code"]), (503, "draining"))

    def test_sigterm_duringStartup_exitsZeroWithoutWaitingForInit(self):
        slow_init = "import time\n\ndef init(context):\n    time.sleep(30)\n\ndef main(data, context):\n    return data\n"
        with Shim(function_dir(slow_init)) as shim:
            self.assertEqual(shim.get_eventually("/_/ready").json(), {"status": "starting"})
            shim.signal()
            self.assertEqual(shim.wait_exit(5), 0, shim.output())

    def test_sigterm_whileIdle_exitsZeroPromptly(self):
        with Shim(function_dir(FUNCTION)).wait_ready() as shim:
            shim.signal()
            self.assertEqual(shim.wait_exit(5), 0)


if __name__ == "__main__":
    unittest.main()
