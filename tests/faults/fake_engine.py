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
  podman         /containers/{id}/top refuses ps_args with a 500, as
                 Podman's compat API does, and answers Podman's default
                 columns without them
  hostile        every string carries terminal escapes (OSC title, DCS,
                 CSI device-status query, C1 CSI, bidi override), and the
                 logs carry raw invalid UTF-8 too
"""
import json
import os
import socketserver
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler

# Hostile payloads: none of these byte strings may reach the terminal.
OSC = "\x1b]0;PWNED\x07"
DCS = "\x1bPqPWNED\x1b\\"
CSI = "\x1b[6n"
C1 = "\u009b6n"
BIDI = "\u202e"
EVIL = OSC + DCS + CSI + C1 + BIDI

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


def hostile_list():
    out = []
    for c, name in ((LIST[0], "alpha"), (LIST[1], "beta")):
        c = dict(c)
        c["Names"] = ["/" + name + EVIL]
        c["Image"] = "img" + EVIL + ":tag" + EVIL
        c["Labels"] = {"berth.service": "svc" + EVIL, "berth.branch": "br" + EVIL,
                       "berth.commit": "c" + EVIL}
        out.append(c)
    return out


def hostile_swarm(path):
    """Swarm answers for hostile mode: a manager whose service, task and
    node strings all carry the payload."""
    if path == "/info":
        return {"ID": "fake", "Swarm": {"NodeID": "n1" + EVIL, "LocalNodeState": "active",
                                        "ControlAvailable": True}}
    if path == "/services":
        spec = {"Name": "web" + EVIL, "Labels": {"berth.service": "web" + EVIL,
                                                 "berth.branch": "br" + EVIL},
                "TaskTemplate": {"ContainerSpec": {"Image": "img" + EVIL + ":v1@sha256:" + "d" * 64}},
                "Mode": {"Replicated": {"Replicas": 2}}}
        prev = dict(spec)
        prev["TaskTemplate"] = {"ContainerSpec": {"Image": "old" + EVIL}}
        return [{"ID": "s1", "Version": {"Index": 7}, "Spec": spec, "PreviousSpec": prev,
                 "Endpoint": {"Ports": [{"Protocol": "tcp" + EVIL, "TargetPort": 80,
                                         "PublishedPort": 8080, "PublishMode": "ingress"}]},
                 "UpdateStatus": {"State": "paused" + EVIL, "Message": "msg" + EVIL},
                 "ServiceStatus": {"RunningTasks": 1, "DesiredTasks": 2}}]
    if path == "/tasks":
        return [{"ID": "t1", "ServiceID": "s1", "NodeID": "n1", "Slot": 1,
                 "CreatedAt": "2026-11-28T10:00:00Z", "DesiredState": "running" + EVIL,
                 "Spec": {"ContainerSpec": {"Image": "img" + EVIL}},
                 "Status": {"State": "failed" + EVIL, "Err": "task error" + EVIL,
                            "Message": "m" + EVIL}}]
    if path == "/nodes":
        return [{"ID": "n1", "Spec": {"Role": "manager" + EVIL, "Availability": "active" + EVIL},
                 "Description": {"Hostname": "host" + EVIL,
                                 "Engine": {"EngineVersion": "20" + EVIL}},
                 "Status": {"State": "ready" + EVIL, "Addr": "127.0.0.1" + EVIL},
                 "ManagerStatus": {"Leader": True, "Reachability": "reachable" + EVIL}}]
    return None


def hostile_inspect(cid, name, state):
    d = inspect(cid, name, state)
    d["Name"] = "/" + name + EVIL
    d["Config"] = {"Image": "img" + EVIL, "Tty": False,
                   "Env": ["GREETING=hi" + EVIL, "VIRTUAL_HOST=v" + EVIL + ".example"],
                   "Labels": {"berth.service": "svc" + EVIL, "note": EVIL},
                   "Cmd": ["sh", "-c", EVIL]}
    d["State"]["Health"] = {"Status": "unhealthy", "FailingStreak": 3, "Log": [
        {"Start": "2026-11-28T10:00:00Z", "End": "2026-11-28T10:00:01Z",
         "ExitCode": 1, "Output": "check failed" + EVIL}]}
    d["Mounts"] = [{"Type": "bind", "Source": "/src" + EVIL, "Destination": "/dst" + EVIL}]
    d["NetworkSettings"] = {"Ports": {}, "Networks": {"net" + EVIL: {"Aliases": ["a" + EVIL]}}}
    return d


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
            if MODE == "hostile":
                return self.send(200, json.dumps(hostile_list()).encode())
            return self.containers_json()
        if MODE == "hostile" and len(parts) == 4 and parts[1] == "containers" and parts[3] == "logs":
            return self.hostile_logs()
        if MODE == "hostile" and len(parts) == 4 and parts[1] == "images":
            return self.send(200, json.dumps({"Id": "sha256:" + "c" * 64,
                "RepoTags": ["img" + EVIL + ":tag"],
                "RepoDigests": ["img@sha256:" + "d" * 64]}).encode())
        if MODE == "hostile" and hostile_swarm(path) is not None:
            return self.send(200, json.dumps(hostile_swarm(path)).encode())
        if path == "/events":
            return self.events()
        if len(parts) == 4 and parts[1] == "containers" and parts[3] == "top":
            return self.top()
        if len(parts) == 4 and parts[1] == "containers" and parts[3] == "json":
            if MODE == "http404":
                return self.error(404, "No such container: " + parts[2])
            cid = parts[2]
            for c in LIST:
                if c["Id"] == cid:
                    st = c["State"]
                    mk = hostile_inspect if MODE == "hostile" else inspect
                    return self.send(200, json.dumps(mk(cid, c["Names"][0][1:], st)).encode())
            return self.error(404, "No such container: " + cid)
        if len(parts) == 4 and parts[1] == "containers" and parts[3] == "stats":
            return self.send(200, json.dumps({"read": "2026-11-28T10:00:02Z",
                "cpu_stats": {"cpu_usage": {"total_usage": int(time.time() * 1e6)},
                              "system_cpu_usage": int(time.time() * 2e9), "online_cpus": 2},
                "memory_stats": {"usage": 1 << 20, "limit": 1 << 30, "stats": {"total_inactive_file": 0}},
                "networks": {"eth0": {"rx_bytes": 0, "tx_bytes": 0}}}).encode())
        return self.error(404, "page not found")

    def top(self):
        if MODE == "podman" and "ps_args=" in self.path:
            return self.error(500, "ps: unrecognized option: e")
        if MODE == "podman":
            return self.send(200, json.dumps({
                "Titles": ["USER", "PID", "PPID", "%CPU", "ELAPSED", "TTY", "TIME", "COMMAND"],
                "Processes": [["root", "1", "0", "0.000", "1m2s", "?", "0s", "sleep 100000"]]}).encode())
        word = EVIL if MODE == "hostile" else ""
        return self.send(200, json.dumps({
            "Titles": ["PID", "USER" + word, "%CPU", "%MEM", "TIME", "COMMAND"],
            "Processes": [["4242", "root" + word, "0.0", "0.1", "00:00:00",
                           "sleep 100000 " + word + "proc-cmd"]]}).encode())

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

    def hostile_logs(self):
        """Multiplexed frames (stdout 1, stderr 2) with hostile lines."""
        self.send_response(200)
        self.send_header("Content-Type", "application/vnd.docker.raw-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        lines = [(1, b"plain line one\n"),
                 (1, ("stdout " + EVIL + "\n").encode()),
                 (2, ("stderr " + EVIL + "\n").encode()),
                 (1, b"raw \x9b6n \xff\xfe invalid utf-8 \x1b]0;PWNED\x07\n"),
                 (1, b"last line\n")]
        try:
            for stream, data in lines:
                frame = bytes([stream, 0, 0, 0]) + len(data).to_bytes(4, "big") + data
                self.wfile.write(b"%x\r\n%s\r\n" % (len(frame), frame))
            self.wfile.flush()
            while True:
                time.sleep(3600)
        except OSError:
            return

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
            if MODE == "hostile":
                ev = {"Type": "container", "Action": "rename" + EVIL, "Actor":
                      {"ID": ID_B, "Attributes": {"name": "beta" + EVIL, "image": EVIL}},
                      "time": int(time.time()), "timeNano": time.time_ns()}
                chunk(json.dumps(ev).encode() + b"\n")
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
