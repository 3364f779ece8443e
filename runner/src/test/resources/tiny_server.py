# A tiny instance for DockerRunnerIT: serves /_/ready on $PORT, echoes an environment variable
# (/env/NAME), prints to both streams (/log), and says so when it gets SIGTERM.
import http.server
import os
import signal
import sys


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/_/ready":
            body = b"ready"
        elif self.path.startswith("/env/"):
            body = os.environ.get(self.path[len("/env/"):], "").encode()
        elif self.path == "/log":
            print("out line one\nout line two", flush=True)
            print("err line", file=sys.stderr, flush=True)
            body = b"logged"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def on_term(signum, frame):
    print("got SIGTERM", flush=True)
    sys.exit(0)


signal.signal(signal.SIGTERM, on_term)
server = http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
print("listening on " + os.environ["PORT"], flush=True)
server.serve_forever()
