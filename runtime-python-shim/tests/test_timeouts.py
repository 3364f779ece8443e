"""A call past its deadline: 504, its worker killed and replaced, other calls undisturbed."""

import concurrent.futures
import os
import tempfile
import time
import unittest

from .support import Shim, deadline_in, function_dir

FUNCTION = """
    import os
    import time

    def init(context):
        open(os.path.join(os.environ["INIT_DIR"], str(os.getpid())), "w").close()

    def main(data, context):
        time.sleep(data["ms"] / 1000)
        return {"slept": data["ms"], "pid": os.getpid()}
"""


class TimeoutTest(unittest.TestCase):
    def setUp(self):
        self.init_dir = tempfile.mkdtemp(prefix="fathom-shim-init-")
        self.shim = Shim(
            function_dir(FUNCTION), {"INIT_DIR": self.init_dir, "FATHOM_TIMEOUT_SECONDS": "1"}
        ).wait_ready()

    def tearDown(self):
        self.shim.stop()

    def test_callPastTheDeadline_is504AndTheNextCallSucceeds(self):
        with concurrent.futures.ThreadPoolExecutor(2) as calls:
            slow = calls.submit(
                self.shim.invoke, {"ms": 30_000}, {**deadline_in(500), "X-Fathom-Call-Id": "slow"}
            )
            time.sleep(0.1)
            neighbour = calls.submit(self.shim.invoke, {"ms": 800})  # on the other worker
            started = time.monotonic()
            reply = slow.result()
            elapsed = time.monotonic() - started
            self.assertEqual(reply.status, 504)
            self.assertEqual(reply.json()["error"]["code"], "timeout")
            self.assertEqual(reply.headers["X-Fathom-Call-Id"], "slow")
            self.assertLess(elapsed, 2.0)
            self.assertEqual(neighbour.result().status, 200)  # not disturbed by the kill
        after = self.shim.invoke({"ms": 1})
        self.assertEqual((after.status, after.json()["slept"]), (200, 1))
        self.shim.wait_for_record(lambda r: r.get("message") == "worker 0 replaced")
        self.assertEqual(len(os.listdir(self.init_dir)), 3)  # two workers, then one replacement

    def test_withoutADeadlineHeader_timeoutSecondsApplies(self):
        started = time.monotonic()
        reply = self.shim.invoke({"ms": 30_000})
        self.assertEqual(reply.status, 504)
        self.assertTrue(0.8 < time.monotonic() - started < 3.0)
        self.assertEqual(self.shim.invoke({"ms": 1}).status, 200)

    def test_deadlineAlreadyPassed_is504(self):
        reply = self.shim.invoke({"ms": 1}, deadline_in(-1000))
        self.assertEqual(reply.status, 504)


if __name__ == "__main__":
    unittest.main()
