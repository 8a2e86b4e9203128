#!/usr/bin/env python3
"""A fake Docker engine on a unix socket that serves what berth asks for,
and misbehaves on request. Used by tests/faults/*.sh only.

    fake_engine.py SOCKET MODE [--pidfile F]

Modes (each breaks one thing; everything else answers normally):
  ok             a healthy engine with two containers
  malformed      /containers/json is not JSON
  wrongshape     /containers/json is an object; inspect fields have wrong types
  truncated      /containers/json is cut in the middle (Content-Length lies)
  huge           /containers/json is a 200 MB body
  trickle        /containers/json arrives at 1 byte per second
  hang           /containers/json never answers
  http500        /containers/json answers 500 with a message
  http404        inspect answers 404 with a message
  http409        /containers/json answers 409 with a message
  oldapi         /_ping says API-Version 1.12
  eventgarbage   /events sends garbage lines, then a valid event, then more
  eventcut       /events sends half an event and closes the stream
"""
import json
import os
import socketserver
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler

ID_A = "a" * 64
ID_B = "b" * 64
MODE = "ok"
NOW = int(time.time())


def summary(cid, name, state, status):
    return {"Id": cid, "Names": ["/" + name], "Image": "bb:latest",
            "ImageID": "sha256:" + "c" * 64, "Command": "sleep 1000",
            "Created": NOW - 100, "Ports": [], "State": state, "Status": status,
            "Labels": {"berth.service": "fake", "berth.branch": name},
            "HostConfig": {"NetworkMode": "none"}}


def inspect(cid, name, state):
    if MODE == "wrongshape":
        return {"Id": cid, "Name": 42, "State": "running", "Config": [],
                "RestartCount": "many", "NetworkSettings": {"Ports": 7}}
    return {"Id": cid, "Name": "/" + name, "Image": "sha256:" + "c" * 64,
            "Created": "2026-11-28T10:00:00.000000000Z", "Path": "sleep",
            "Args": ["1000"], "RestartCount": 0,
            "State": {"Status": state, "Running": state == "running",
                      "Paused": False, "Restarting": False, "ExitCode": 0,
                      "Pid": 0, "StartedAt": "2026-11-28T10:00:01Z",
                      "FinishedAt": "0001-01-01T00:00:00Z"},
            "Config": {"Image": "bb:latest", "Labels": {"berth.service": "fake"}},
            "HostConfig": {"NetworkMode": "none"},
            "NetworkSettings": {"Ports": {}}}


LIST = [summary(ID_A, "alpha", "running", "Up 2 minutes"),
        summary(ID_B, "beta", "exited", "Exited (0) 1 minute ago")]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def address_string(self):
        return "unix"

    def send(self, code, body, ctype="application/json", length=None, extra=None):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Api-Version", "1.12" if MODE == "oldapi" else "1.41")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def error(self, code, msg):
        self.send(code, json.dumps({"message": msg}).encode())

    def do_HEAD(self):
        self.do_GET()

    def do_POST(self):
        self.error(501, "fake engine: POST %s not served" % self.path)

    def do_DELETE(self):
        self.error(501, "fake engine: DELETE %s not served" % self.path)

    def do_GET(self):
        path = self.path.split("?")[0]
        parts = path.split("/")
        if path == "/_ping":
            return self.send(200, b"OK", "text/plain")
        # strip "/v1.41"
        if len(parts) > 1 and parts[1].startswith("v"):
            parts = [""] + parts[2:]
            path = "/".join(parts)
        if path == "/containers/json":
            return self.containers_json()
        if path == "/events":
            return self.events()
        if len(parts) == 4 and parts[1] == "containers" and parts[3] == "json":
            if MODE == "http404":
                return self.error(404, "No such container: " + parts[2])
            cid = parts[2]
            for c in LIST:
                if c["Id"] == cid:
                    st = c["State"]
                    return self.send(200, json.dumps(inspect(cid, c["Names"][0][1:], st)).encode())
            return self.error(404, "No such container: " + cid)
        if len(parts) == 4 and parts[1] == "containers" and parts[3] == "stats":
            return self.send(200, json.dumps({"read": "2026-11-28T10:00:02Z",
                "cpu_stats": {"cpu_usage": {"total_usage": int(time.time() * 1e6)},
                              "system_cpu_usage": int(time.time() * 2e9), "online_cpus": 2},
                "memory_stats": {"usage": 1 << 20, "limit": 1 << 30, "stats": {"total_inactive_file": 0}},
                "networks": {"eth0": {"rx_bytes": 0, "tx_bytes": 0}}}).encode())
        return self.error(404, "page not found")

    def containers_json(self):
        body = json.dumps(LIST).encode()
        if MODE == "malformed":
            return self.send(200, b'[{"Id": "' + b"a" * 64 + b'", "Names": [}}} not json')
        if MODE == "wrongshape":
            return self.send(200, b'{"Id": 5, "Containers": "yes"}')
        if MODE == "truncated":
            self.send(200, body[: len(body) // 2], length=len(body))
            self.close_connection = True
            return
        if MODE == "huge":
            size = 200 * 1024 * 1024
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            chunk = b"[" + b" " * (1024 * 1024 - 1)
            try:
                self.wfile.write(chunk)
                blank = b" " * (1024 * 1024)
                for _ in range(199):
                    self.wfile.write(blank)
            except OSError:
                pass
            self.close_connection = True
            return
        if MODE == "trickle":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                for b in body:
                    self.wfile.write(bytes([b]))
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass
            self.close_connection = True
            return
        if MODE == "hang":
            time.sleep(3600)
            return
        if MODE == "http500":
            return self.error(500, "fake engine: internal boom")
        if MODE == "http409":
            return self.error(409, "fake engine: conflict, try later")
        return self.send(200, body)

    def events(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Api-Version", "1.41")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

        def chunk(data):
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()

        try:
            if MODE == "eventgarbage":
                chunk(b"\x00\xff garbage {{{ not json\n")
                chunk(b"[1,2,3]\n")
                chunk(b"\x1b]0;pwned\x07" * 100 + b"\n")
                ev = {"Type": "container", "Action": "start", "Actor":
                      {"ID": ID_A, "Attributes": {"name": "alpha"}},
                      "time": int(time.time()), "timeNano": time.time_ns()}
                chunk(json.dumps(ev).encode() + b"\n")
                chunk(b"more garbage\n")
            if MODE == "eventcut":
                chunk(b'{"Type": "container", "Action": "st')
                self.close_connection = True
                self.wfile.write(b"0\r\n\r\n")
                return
            while True:
                time.sleep(3600)
        except OSError:
            return


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass    # a client hanging up mid-body is part of the tests


def main():
    global MODE
    sock, MODE = sys.argv[1], sys.argv[2]
    if "--pidfile" in sys.argv:
        with open(sys.argv[sys.argv.index("--pidfile") + 1], "w") as f:
            f.write(str(os.getpid()))
    if os.path.exists(sock):
        os.unlink(sock)
    srv = Server(sock, Handler)
    srv.serve_forever()


if __name__ == "__main__":
    main()
