#!/usr/bin/env python3
# Derives the hand-made fixtures from the recorded ones (run after record.sh):
# shapes this engine cannot produce (old API, cgroup v2, published ports,
# block I/O and network counters) and broken bodies. See README.md.
import copy
import json
import os
import sys

os.chdir(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))


def load(name):
    with open(name, encoding='utf-8') as f:
        return json.load(f)


def dump(obj, name):
    # compact, like the engine's Go encoder
    with open(name, 'w', encoding='utf-8') as f:
        f.write(json.dumps(obj, separators=(',', ':'), ensure_ascii=False) + '\n')


def head(src, dst):
    with open(src, 'rb') as f:
        raw = f.read()
    with open(dst, 'wb') as f:
        f.write(raw[:len(raw) // 2])


lst = load('containers_list.json')

# API < 1.25: no State, only the Status text
old = copy.deepcopy(lst)
for c in old:
    del c['State']
dump(old, 'containers_list_oldapi.json')

# published ports and link aliases (containers here only get none/host networks)
shop = next(c for c in lst if c['Names'] == ['/shop-production'])
hostnet = next(c for c in lst if c['Names'] == ['/hostnet'])
p1 = copy.deepcopy(shop)
p1['Ports'] = [
    {"IP": "0.0.0.0", "PrivatePort": 80, "PublicPort": 8080, "Type": "tcp"},
    {"IP": "::", "PrivatePort": 80, "PublicPort": 8080, "Type": "tcp"},
    {"PrivatePort": 443, "Type": "tcp"},
    {"IP": "127.0.0.1", "PrivatePort": 53, "PublicPort": 5353, "Type": "udp"},
]
p2 = copy.deepcopy(hostnet)
p2['Names'] = ["/shop-production/db", "/hostnet"]
p2['Ports'] = [{"PrivatePort": 9000}]
dump([p1, p2], 'containers_list_ports.json')

ins = load('inspect_running.json')
ip = copy.deepcopy(ins)
ip['NetworkSettings']['Ports'] = {
    "443/tcp": None,
    "53/udp": [{"HostIp": "127.0.0.1", "HostPort": "5353"}],
    "80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"},
               {"HostIp": "::", "HostPort": "8080"}],
}
dump(ip, 'inspect_ports.json')

# user networks (the primary one with an alias and a fixed address, two
# more to connect after create) and an anonymous volume, for the create body
nw = copy.deepcopy(ins)
short = nw['Id'][:12]
net = nw['NetworkSettings']['Networks'].pop('none')
nw['HostConfig']['NetworkMode'] = 'shopnet'
nw['NetworkSettings']['Networks'] = {
    "shopnet": dict(net, Aliases=[short, "shop"],
                    IPAMConfig={"IPv4Address": "172.30.0.10"}),
    "backend": dict(net, Aliases=[short, "shop-db-client"], Links=["db:db"]),
    "bridge": dict(net, Aliases=None),
}
nw['Mounts'] = [{"Type": "volume", "Name": "f" * 64,
                 "Source": "/var/lib/docker/volumes/" + "f" * 64 + "/_data",
                 "Destination": "/cache", "Driver": "local", "Mode": "",
                 "RW": True, "Propagation": ""}]
dump(nw, 'inspect_networks.json')

# State without "Status": derived from the booleans and times
ns = load('inspect_exited.json')
del ns['State']['Status']
dump(ns, 'inspect_nostatus.json')

st = load('stats_running.json')
eth0 = {"rx_bytes": 5418, "rx_packets": 47, "rx_errors": 0, "rx_dropped": 0,
        "tx_bytes": 648, "tx_packets": 8, "tx_errors": 0, "tx_dropped": 0}

# cgroup v1 blkio as a kernel that accounts it reports, plus one network
v1 = copy.deepcopy(st)
v1['blkio_stats']['io_service_bytes_recursive'] = [
    {"major": 254, "minor": 0, "op": "Read", "value": 1048576},
    {"major": 254, "minor": 0, "op": "Write", "value": 4194304},
    {"major": 254, "minor": 0, "op": "Sync", "value": 4194304},
    {"major": 254, "minor": 0, "op": "Async", "value": 1048576},
    {"major": 254, "minor": 0, "op": "Discard", "value": 0},
    {"major": 254, "minor": 0, "op": "Total", "value": 5242880},
]
v1['networks'] = {"eth0": eth0}
dump(v1, 'stats_v1_blkio_net.json')

# API < 1.27: no online_cpus, count percpu_usage
nc = copy.deepcopy(st)
del nc['cpu_stats']['online_cpus']
del nc['precpu_stats']['online_cpus']
dump(nc, 'stats_no_online_cpus.json')

# cgroup v2: no percpu_usage, memory.stat names, lower-case blkio ops, and
# an unlimited pids limit as 2^64-1 (beyond jansson's int64)
v2 = copy.deepcopy(st)
for k in ('cpu_stats', 'precpu_stats'):
    v2[k]['cpu_usage'].pop('percpu_usage', None)
v2['memory_stats'] = {
    "usage": 6676480,
    "stats": {"active_anon": 0, "active_file": 1196032, "anon": 1540096,
              "anon_thp": 0, "file": 4857856, "file_dirty": 0,
              "file_mapped": 0, "file_writeback": 0,
              "inactive_anon": 1507328, "inactive_file": 3661824,
              "kernel_stack": 32768, "pgactivate": 293, "pgdeactivate": 0,
              "pgfault": 1419, "pgmajfault": 0, "shmem": 0, "slab": 233472,
              "sock": 0, "unevictable": 0, "workingset_activate": 0,
              "workingset_refault": 0},
    "limit": 25276502016,
}
v2['pids_stats'] = {"current": 3, "limit": 18446744073709551615}
v2['networks'] = {
    "eth0": eth0,
    "eth1": {"rx_bytes": 100, "rx_packets": 1, "rx_errors": 0, "rx_dropped": 0,
             "tx_bytes": 42, "tx_packets": 1, "tx_errors": 0, "tx_dropped": 0},
    "lo": {"rx_bytes": 777777, "rx_packets": 1, "rx_errors": 0, "rx_dropped": 0,
           "tx_bytes": 777777, "tx_packets": 1, "tx_errors": 0, "tx_dropped": 0},
}
v2['blkio_stats'] = {
    "io_service_bytes_recursive": [
        {"major": 254, "minor": 0, "op": "read", "value": 2097152},
        {"major": 254, "minor": 0, "op": "write", "value": 65536},
        {"major": 254, "minor": 16, "op": "read", "value": 4096},
        {"major": 254, "minor": 16, "op": "write", "value": 0},
    ],
    "io_serviced_recursive": None, "io_queue_recursive": None,
    "io_service_time_recursive": None, "io_wait_time_recursive": None,
    "io_merged_recursive": None, "io_time_recursive": None,
    "sectors_recursive": None,
}
dump(v2, 'stats_v2.json')

# broken bodies
head('containers_list.json', 'containers_list_truncated.json')
head('inspect_running.json', 'inspect_truncated.json')
head('stats_running.json', 'stats_truncated.json')
with open('not_json.txt', 'w') as f:
    f.write('404 page not found\n')
with open('empty.json', 'w') as f:
    pass

A, B, C, E = 'a' * 64, 'b' * 64, 'c' * 64, 'e' * 64
dump([
    {"Id": A, "Names": ["/ok"], "State": "running", "Status": "Up 1 second"},
    {"Names": ["/no-id"], "State": "running"},
    {"Id": 12345, "Names": ["/numeric-id"]},
    {"Id": "", "Names": ["/empty-id"]},
    {"Id": "f" * 65, "Names": ["/long-id"]},
    42, "string", None, [],
    {"Id": B, "Names": 42, "Image": ["x"], "ImageID": {}, "Command": 7,
     "Created": "yesterday", "State": 5, "Status": False,
     "Labels": ["a", "b"], "Ports": {"80/tcp": None}},
    {"Id": C, "Names": [None, 5, "/third"], "Created": 1e30, "State": "Exited",
     "Status": "Exited (abc) 1 second ago",
     "Labels": {"a": "1", "b": 2, "c": None, "nul": "x\u0000y"},
     "Ports": [{"PrivatePort": 70000}, {"PrivatePort": "80"}, "x",
               {"PrivatePort": 22, "PublicPort": -1, "IP": "10.0.0.1",
                "Type": "averyverylongproto"}]},
    {"Id": E, "Names": [], "State": "bogus", "Status": "Up 5 minutes (Paused)",
     "Labels": None, "Ports": None},
], 'containers_list_wrong_types.json')

dump({"Id": "d" * 64, "Name": 5, "Config": "x", "Image": None,
      "Path": ["sh"], "Args": "x", "Created": "garbage", "RestartCount": 1e20,
      "State": {"Running": True, "Paused": True, "ExitCode": "1",
                "Pid": 2.5e10, "StartedAt": "2026-13-01T00:00:00Z",
                "FinishedAt": 7, "Health": "healthy"},
      "NetworkSettings": {"Ports": {
          "bogus": None, "70000/tcp": None, "8080": None, "9000/udp": "x",
          "9001/tcp": [5, {"HostPort": "abc"}, {"HostPort": "99999"},
                       {"HostIp": "1.2.3.4", "HostPort": "81"}]}}},
     'inspect_wrong_types.json')
dump({"Name": "/no-id", "State": {"Status": "running"}}, 'inspect_missing_id.json')

dump({"read": 5,
      "cpu_stats": {"cpu_usage": {"total_usage": "1", "percpu_usage": {}},
                    "system_cpu_usage": -5, "online_cpus": "2"},
      "memory_stats": [],
      "networks": {"eth0": {"rx_bytes": "9", "tx_bytes": 7}, "eth1": 5},
      "blkio_stats": {"io_service_bytes_recursive": [
          1, {"op": 5}, {"op": "Read", "value": "3"},
          {"op": "write", "value": 11}]},
      "pids_stats": {"current": None}}, 'stats_wrong_types.json')

# API < 1.22 events: status/id/from/time only (timeNano came in 1.21)
with open('events.jsonl', encoding='utf-8') as f:
    die = next(json.loads(l) for l in f if '"Action":"die"' in l)
with open('events_oldapi.jsonl', 'w') as f:
    for o in ({"status": "create", "id": die['id'], "from": "bb:latest",
               "time": die['time'] - 1},
              {"status": "die", "id": die['id'], "from": "bb:latest",
               "time": die['time'], "timeNano": die['timeNano']},
              {"status": "untag", "id": "sha256:" + "9" * 64,
               "time": die['time'] + 1}):
        f.write(json.dumps(o, separators=(',', ':')) + '\n')
