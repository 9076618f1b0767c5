#!/usr/bin/env python3
"""faultserve: a web server that misbehaves on purpose, for veiviser-sync's
fault tests. Serves ROOT; catalogue files are sent as they are, and every
bundle (*.vvb) is sent according to MODE:

  endless  the bundle's bytes, then zeros without end (no Content-Length)
  cut      half of the bundle under the full Content-Length, then closes
  stall    the headers and 100 bytes, then nothing until the client leaves
  good     the bundle as it is (a Range request "bytes=N-" gets 206)
  norange  the bundle as it is, always whole with 200 (Range ignored)
  trickle  the headers, then 2 bytes a second (below any low-speed limit)
  trickle1k  the headers, then 1,000 bytes a second: above curl's
           low-speed limit, far below any useful rate
  race     everything as it is, but right after the first catalogue.xml
           went out, the files of NEXTDIR are renamed over ROOT's (a site
           being published between a kiosk's two requests)
  mismatch every catalogue.xml.minisig comes from NEXTDIR (a pair that
           never matches)

Writes the port it listens on (127.0.0.1) to PORTFILE, and each request's
path to PORTFILE.log.
usage: faultserve.py ROOT MODE PORTFILE [NEXTDIR]
"""
import http.server
import os
import socketserver
import sys
import time

ROOT, MODE, PORTFILE = sys.argv[1], sys.argv[2], sys.argv[3]
NEXTDIR = sys.argv[4] if len(sys.argv) > 4 else None
raced = False


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        global raced
        with open(PORTFILE + ".log", "a") as log:
            log.write(self.path + "\n")
        path = os.path.normpath(os.path.join(ROOT, self.path.lstrip("/")))
        if not path.startswith(os.path.abspath(ROOT)) or not os.path.isfile(path):
            self.send_error(404)
            return
        src = path
        if MODE == "mismatch" and path.endswith(".minisig"):
            src = os.path.join(NEXTDIR, os.path.basename(path))
        with open(src, "rb") as f:
            data = f.read()
        try:
            if MODE in ("race", "mismatch"):
                if MODE == "race" and not raced and path.endswith("catalogue.xml"):
                    # The old catalogue is read; the new pair goes in
                    # before it is sent, so the signature request finds
                    # it (as publish does: the catalogue, then its
                    # signature, each by a rename).
                    raced = True
                    for name in ("catalogue.xml", "catalogue.xml.minisig"):
                        os.rename(os.path.join(NEXTDIR, name),
                                  os.path.join(os.path.dirname(path), name))
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return
            if MODE.startswith("trickle") and path.endswith(".vvb"):
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                step, pause = (1, 0.5) if MODE == "trickle" else (100, 0.1)
                for i in range(0, len(data), step):
                    self.wfile.write(data[i:i + step])
                    self.wfile.flush()
                    time.sleep(pause)
                return
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
            if MODE in ("good", "norange") or not path.endswith(".vvb"):
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
