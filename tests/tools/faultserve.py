#!/usr/bin/env python3
"""faultserve: a web server that misbehaves on purpose, for veiviser-sync's
fault tests. Serves ROOT; catalogue files are sent as they are, and every
bundle (*.vvb) is sent according to MODE:

  endless  the bundle's bytes, then zeros without end (no Content-Length)
  cut      half of the bundle under the full Content-Length, then closes
  stall    the headers and 100 bytes, then nothing until the client leaves
  good     the bundle as it is (a Range request "bytes=N-" gets 206)

Writes the port it listens on (127.0.0.1) to PORTFILE.
usage: faultserve.py ROOT MODE PORTFILE
"""
import http.server
import os
import socketserver
import sys
import time

ROOT, MODE, PORTFILE = sys.argv[1], sys.argv[2], sys.argv[3]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        path = os.path.normpath(os.path.join(ROOT, self.path.lstrip("/")))
        if not path.startswith(os.path.abspath(ROOT)) or not os.path.isfile(path):
            self.send_error(404)
            return
        with open(path, "rb") as f:
            data = f.read()
        try:
            rng = self.headers.get("Range", "")
            if MODE == "good" and rng.startswith("bytes=") and rng.endswith("-"):
                start = int(rng[6:-1])
                with open(PORTFILE + ".ranges", "a") as log:
                    log.write("%s %d\n" % (self.path, start))
                self.send_response(206)
                self.send_header("Content-Range", "bytes %d-%d/%d" % (start, len(data) - 1, len(data)))
                self.send_header("Content-Length", str(len(data) - start))
                self.end_headers()
                self.wfile.write(data[start:])
                return
            if MODE == "good" or not path.endswith(".vvb"):
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return
            self.send_response(200)
            if MODE == "endless":
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(data)
                zeros = bytes(65536)
                while True:
                    self.wfile.write(zeros)
            elif MODE == "cut":
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(data[: len(data) // 2])
                self.wfile.flush()
                self.close_connection = True
            elif MODE == "stall":
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data[:100])
                self.wfile.flush()
                time.sleep(3600)
        except (BrokenPipeError, ConnectionResetError):
            pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


srv = Server(("127.0.0.1", 0), Handler)
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(PORTFILE + ".tmp", PORTFILE)
srv.serve_forever()
