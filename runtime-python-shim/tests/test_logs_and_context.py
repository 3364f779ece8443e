import json
import re
import time
import unittest
from unittest import mock

from fathom_shim import logs
from fathom_shim.context import Context


class LogsTest(unittest.TestCase):
    def test_record_hasContractShape(self):
        line = logs.record("info", "hello", "call-1")
        self.assertNotIn("\n", line)
        parsed = json.loads(line)
        self.assertEqual(list(parsed), ["ts", "level", "callId", "message"])
        self.assertRegex(parsed["ts"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        self.assertEqual((parsed["level"], parsed["callId"], parsed["message"]), ("info", "call-1", "hello"))

    def test_record_omitsCallIdOutsideACall(self):
        self.assertNotIn("callId", json.loads(logs.record("error", "boom")))

    def test_record_keepsMultilineMessagesOnOneLine(self):
        self.assertEqual(json.loads(logs.record("error", "a\nb"))["message"], "a\nb")

    def test_timestamp_isUtcWithMilliseconds(self):
        self.assertEqual(logs.timestamp(0.123), "1970-01-01T00:00:00.123Z")

    def test_capturedStream_turnsEachLineIntoARecordWithTheCallId(self):
        stream = logs._CapturedStream("info")
        with mock.patch.object(logs, "write") as write:
            logs.set_call_id("c-9")
            try:
                print("one\ntwo", "three", file=stream)
                stream.write("partial")
                stream.flush()
            finally:
                logs.set_call_id(None)
        self.assertEqual(
            write.call_args_list,
            [
                mock.call("info", "one", "c-9"),
                mock.call("info", "two three", "c-9"),
                mock.call("info", "partial", "c-9"),
            ],
        )


class ContextTest(unittest.TestCase):
    def test_remainingMs_countsDownToZero(self):
        now_ms = int(time.time() * 1000)
        self.assertAlmostEqual(Context("c", now_ms + 5000, {}, {}).remaining_ms(), 5000, delta=200)
        self.assertEqual(Context("c", now_ms - 5000, {}, {}).remaining_ms(), 0)
        self.assertIsNone(Context(None, None, {}, {}).remaining_ms())

    def test_logger_writesLevelsWithTheCallId(self):
        context = Context("c-1", None, {"FATHOM_SDK_BASE_URL": "u"}, {"A": "b"})
        with mock.patch.object(logs, "write") as write:
            context.logger.info("n=%d", 3)
            context.logger.warning("careful")
            context.logger.error("bad %s")
        self.assertEqual(
            write.call_args_list,
            [
                mock.call("info", "n=3", "c-1"),
                mock.call("warning", "careful", "c-1"),
                mock.call("error", "bad %s", "c-1"),
            ],
        )
        self.assertEqual(context.sdk, {"FATHOM_SDK_BASE_URL": "u"})
        self.assertEqual(context.env, {"A": "b"})

    def test_logs_match_the_contract_regex(self):
        self.assertTrue(
            re.match(r'^\{"ts":"[^"]+","level":"info","message":"x"\}$', logs.record("info", "x"))
        )


if __name__ == "__main__":
    unittest.main()
