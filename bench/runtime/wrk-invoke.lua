-- wrk script for bench/runtime-overhead.sh: every request is POST /invoke with the conformance
-- fixture's trivial echo input (the handler answers {"value":1}).
wrk.method = "POST"
wrk.path = "/invoke"
wrk.body = '{"action":"echo","value":1}'
wrk.headers["Content-Type"] = "application/json"
