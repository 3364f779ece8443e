"""Contract clauses against one real shim process (2 workers) serving a fixture function."""

import os
import re
import tempfile
import unittest

from .support import Shim, deadline_in, function_dir

FUNCTION = """
    import os
    import sys

    def init(context):
        # One line per init, in a file named after the worker's pid.
        with open(os.path.join(os.environ["INIT_DIR"], str(os.getpid())), "a") as log:
            log.write(repr(context.call_id) + "\\n")

    def main(data, context):
        action = data["action"]
        if action == "echo":
            return {"value": data.get("value"), "callId": context.call_id}
        if action == "fail":
            raise RuntimeError(data["message"])
        if action == "print":
            print(data["message"])
            print("to stderr", file=sys.stderr)
            context.logger.warning("logged warning")
            return {}
        if action == "context":
            return {"sdk": context.sdk, "deadlineMs": context.deadline_ms,
                    "remainingMs": context.remaining_ms(), "port": context.env.get("PORT")}
        if action == "pid":
            return {"pid": os.getpid()}
        if action == "not-json":
            return {"set": {1, 2}}
        if action == "crash":
            os._exit(3)
        raise ValueError("unknown action " + action)
"""

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class InvokeContractTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.init_dir = tempfile.mkdtemp(prefix="fathom-shim-init-")
        cls.shim = Shim(
            function_dir(FUNCTION),
            {
                "INIT_DIR": cls.init_dir,
                "FATHOM_MAX_BODY_BYTES": "2048",
                "FATHOM_SDK_BASE_URL": "https://internal-address/",
                "FATHOM_SDK_SERVICE_PATH_ML": "/v1/ml",
                "FATHOM_SDK_AUTHORIZATION": "Bearer test",
            },
        ).wait_ready()

    @classmethod
    def tearDownClass(cls):
        cls.shim.stop()

    def test_health_isOk(self):
        reply = self.shim.get("/_/health")
        self.assertEqual((reply.status, reply.json()), (200, {"status": "ok"}))

    def test_ready_isReadyAfterStart(self):
        reply = self.shim.get("/_/ready")
        self.assertEqual((reply.status, reply.json()), (200, {"status": "ready"}))

    def test_invoke_returnsTheOutputAndEchoesTheCallId(self):
        reply = self.shim.invoke({"action": "echo", "value": [1, "two"]}, {"X-Fathom-Call-Id": "call-42"})
        self.assertEqual(reply.status, 200)
        self.assertEqual(reply.headers["Content-Type"], "application/json")
        self.assertEqual(reply.headers["X-Fathom-Call-Id"], "call-42")
        self.assertEqual(reply.json(), {"value": [1, "two"], "callId": "call-42"})

    def test_invoke_generatesAUuidCallIdWhenAbsent(self):
        reply = self.shim.invoke({"action": "echo"})
        self.assertRegex(reply.headers["X-Fathom-Call-Id"], UUID)
        self.assertEqual(reply.json()["callId"], reply.headers["X-Fathom-Call-Id"])

    def test_invoke_rejectsABodyThatIsNotJson(self):
        for body in (b"{not json", b"", b"NaN", b"\xff"):
            with self.subTest(body=body):
                reply = self.shim.invoke(raw=body, headers={"X-Fathom-Call-Id": "bad-json"})
                self.assertEqual(reply.status, 400)
                self.assertEqual(reply.json()["error"]["code"], "invalid-json")
                self.assertEqual(reply.headers["X-Fathom-Call-Id"], "bad-json")

    def test_invoke_mapsAnExceptionToFunctionErrorAndLogsTheTraceback(self):
        reply = self.shim.invoke(
            {"action": "fail", "message": "no such customer"}, {"X-Fathom-Call-Id": "c-fail"}
        )
        self.assertEqual(reply.status, 500)
        self.assertEqual(reply.json(), {"error": {"code": "function-error", "message": "no such customer"}})
        record = self.shim.wait_for_record(
            lambda r: r.get("callId") == "c-fail" and r["level"] == "error", stream="stderr"
        )
        self.assertIn("Traceback", record["message"])
        self.assertIn("RuntimeError: no such customer", record["message"])

    def test_invoke_mapsANonJsonResultToFunctionError(self):
        reply = self.shim.invoke({"action": "not-json"})
        self.assertEqual(reply.status, 500)
        self.assertEqual(reply.json()["error"]["code"], "function-error")
        self.assertIn("not JSON", reply.json()["error"]["message"])

    def test_invoke_capturesPrintAsJsonLinesWithTheCallId(self):
        self.shim.invoke({"action": "print", "message": "plain print"}, {"X-Fathom-Call-Id": "c-print"})
        out = self.shim.wait_for_record(lambda r: r.get("message") == "plain print")
        self.assertEqual((out["level"], out["callId"]), ("info", "c-print"))
        err = self.shim.wait_for_record(lambda r: r.get("message") == "to stderr", stream="stderr")
        self.assertEqual((err["level"], err["callId"]), ("error", "c-print"))
        warning = self.shim.wait_for_record(lambda r: r.get("message") == "logged warning", stream="stderr")
        self.assertEqual((warning["level"], warning["callId"]), ("warning", "c-print"))
        self.assertEqual(list(out), ["ts", "level", "callId", "message"])

    def test_invoke_exposesSdkSettingsDeadlineAndEnvironment(self):
        headers = deadline_in(30_000)
        reply = self.shim.invoke({"action": "context"}, headers)
        self.assertEqual(reply.status, 200)
        body = reply.json()
        self.assertEqual(
            body["sdk"],
            {
                "FATHOM_SDK_BASE_URL": "https://internal-address/",
                "FATHOM_SDK_SERVICE_PATH_ML": "/v1/ml",
                "FATHOM_SDK_AUTHORIZATION": "Bearer test",
            },
        )
        self.assertEqual(body["deadlineMs"], int(headers["X-Fathom-Deadline-Ms"]))
        self.assertTrue(25_000 < body["remainingMs"] <= 30_000)
        self.assertEqual(body["port"], str(self.shim.port))

    def test_invoke_rejectsAMalformedDeadline(self):
        reply = self.shim.invoke({"action": "echo"}, {"X-Fathom-Deadline-Ms": "tomorrow"})
        self.assertEqual((reply.status, reply.json()["error"]["code"]), (400, "invalid-deadline"))

    def test_invoke_rejectsABodyOverTheLimit(self):
        reply = self.shim.invoke({"action": "echo", "value": "x" * 4096}, {"X-Fathom-Call-Id": "big"})
        self.assertEqual((reply.status, reply.json()["error"]["code"]), (413, "payload-too-large"))
        self.assertEqual(reply.headers["X-Fathom-Call-Id"], "big")

    def test_invoke_acceptsAChunkedBody(self):
        chunked = (x for x in (b'{"action":', b'"echo","value":7}'))
        reply = self.shim.request("POST", "/invoke", chunked, {"Transfer-Encoding": "chunked"})
        self.assertEqual((reply.status, reply.json()["value"]), (200, 7))

    def test_init_runsOncePerWorkerBeforeAnyCall(self):
        pids = {self.shim.invoke({"action": "pid"}).json()["pid"] for _ in range(12)}
        inits = {}
        for name in os.listdir(self.init_dir):
            with open(os.path.join(self.init_dir, name)) as log:
                inits[int(name)] = log.read().splitlines()
        self.assertTrue(pids <= set(inits), (pids, inits))
        for lines in inits.values():
            self.assertEqual(lines, ["None"])  # once, and outside any call

    def test_invoke_replacesAWorkerThatDied(self):
        reply = self.shim.invoke({"action": "crash"})
        self.assertEqual(reply.status, 500)
        self.assertEqual(reply.json()["error"]["code"], "function-error")
        self.assertIn("exit code 3", reply.json()["error"]["message"])
        for _ in range(4):
            self.assertEqual(self.shim.invoke({"action": "echo", "value": 1}).status, 200)

    def test_unknownPaths_are404(self):
        self.assertEqual(self.shim.get("/nope").status, 404)
        self.assertEqual(self.shim.request("POST", "/_/ready", b"{}").status, 404)
        self.assertEqual(self.shim.get("/invoke").status, 405)


if __name__ == "__main__":
    unittest.main()


class AccessRecordTest(unittest.TestCase):
    """One ``info`` record per call by default; none with ``FATHOM_ACCESS_LOG=0``."""

    ECHO = """
    def main(data, context):
        print("handled", data.get("value"))
        return {"value": data.get("value")}
"""

    def finished_records(self, env):
        """Makes one call, drains the shim (SIGTERM) so that all its output is in, returns it."""
        with Shim(function_dir(self.ECHO), env).wait_ready() as shim:
            self.assertEqual(shim.invoke({"value": 1}, {"X-Fathom-Call-Id": "c-1"}).status, 200)
            shim.signal()
            self.assertEqual(shim.wait_exit(), 0, shim.output())
            return [r for r in shim.records() if r.get("callId") == "c-1"]

    def test_eachCall_writesOneAccessRecord_byDefault(self):
        records = self.finished_records({})
        self.assertEqual([r["message"] for r in records if r["message"].startswith("handled")], ["handled 1"])
        access = [r["message"] for r in records if r["message"].startswith("POST /invoke")]
        self.assertEqual(len(access), 1, records)
        self.assertRegex(access[0], r"^POST /invoke 200 in \d+ ms$")

    def test_accessLogOff_writesNoRecordForACall(self):
        records = self.finished_records({"FATHOM_ACCESS_LOG": "0"})
        self.assertEqual([r["message"] for r in records], ["handled 1"])
