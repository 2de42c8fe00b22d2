"""``python -m app.simulator --port N``: serve the demo accounts on loopback for manual tries."""

from __future__ import annotations

import argparse
import ipaddress
import sys
import threading

from app.simulator.bench import BenchStamps, bench_simulator
from app.simulator.demo import SAFERPAY_TERMINALS, SUNBAY_TERMINALS, demo_simulator
from app.simulator.server import LoopbackServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m app.simulator", description="Serve simulated Saferpay and SUNBAY APIs on loopback."
    )
    parser.add_argument("--port", type=int, default=8765, help="TCP port (0 picks a free one; default 8765)")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to bind (default 127.0.0.1)")
    parser.add_argument("--latency", type=float, default=0.3, help="seconds each batch close takes (default 0.3)")
    parser.add_argument("--seed", default="0", help="seed for the generated batches (default 0)")
    parser.add_argument(
        "--bench-terminals",
        type=int,
        default=0,
        metavar="N",
        help="serve N bench terminals (app.simulator.bench) instead of the demo accounts",
    )
    args = parser.parse_args(argv)
    try:
        loopback = ipaddress.ip_address(args.host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        parser.error("--host must be a loopback address such as 127.0.0.1: this is a simulator.")

    if args.bench_terminals > 0:
        sim = bench_simulator(args.bench_terminals, args.latency)
    else:
        sim = demo_simulator(seed=args.seed, latency=args.latency)
    app = BenchStamps(sim, sim.app) if args.bench_terminals > 0 else sim.app
    with LoopbackServer(app, host=args.host, port=args.port) as server:
        print(f"Closeout provider simulator on {server.url}  (Ctrl-C stops it)")
        if args.bench_terminals > 0:
            print(f"  {args.bench_terminals} bench terminals, {args.latency} s latency")
            sys.stdout.flush()
            return _serve_forever()
        print(f"  Saferpay base URL: {sim.base('saferpay', server.url)}")
        for t in SAFERPAY_TERMINALS:
            print(f"    customer {t.customer_id}  terminal {t.terminal_id}  user {t.username}  password {t.password}")
        print(f"  SUNBAY base URL:   {sim.base('sunbay', server.url)}")
        for s in SUNBAY_TERMINALS:
            print(
                f"    app {s.app_id}  merchant {s.merchant_id}  terminal {s.terminal_sn}  "
                f"channel {s.channel_code}  API key {s.api_key}"
            )
        sys.stdout.flush()
        return _serve_forever()


def _serve_forever() -> int:
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
