"""Close 200 simulated terminals (250 ms latency each) over real loopback sockets.

The simulator runs in its own process, as a provider is another machine. Prints the wall time
next to the ideal, ceil(terminals / concurrency) x latency; the target is within 15 % of it.
Usage: python benches/close_all.py [terminals] [concurrency]
"""

from __future__ import annotations

import asyncio
import math
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from simulator_process import bench_terminal, simulator_process  # noqa: E402

from app.core.engine import CloseEngine, RetryPolicy  # noqa: E402
from app.core.history import History  # noqa: E402
from app.core.home import Home  # noqa: E402
from app.core.http import make_client  # noqa: E402
from app.core.secrets import MemoryStore  # noqa: E402

LATENCY = 0.25


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    concurrency = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    home = Home(Path(tempfile.mkdtemp(prefix="closeout-bench-"))).ensure()
    history = History(home.db_path, home.lock_dir)
    secrets = MemoryStore()
    with simulator_process(count, LATENCY) as url:
        terminals = []
        for i in range(count):
            terminal, secret = bench_terminal(i, url)
            history.add_terminal(terminal)
            secrets.set(terminal.id, secret)
            terminals.append(terminal)

        async def run():
            async with make_client(max_connections=concurrency) as client:
                engine = CloseEngine(history, secrets, client, policy=RetryPolicy(concurrency=concurrency))
                try:
                    start = time.perf_counter()
                    outcomes = await engine.close(terminals)
                    return outcomes, time.perf_counter() - start
                finally:
                    engine.shutdown()

        outcomes, wall = asyncio.run(run())
    closed = sum(o.outcome == "closed" for o in outcomes)
    ideal = math.ceil(count / concurrency) * LATENCY
    over = (wall / ideal - 1) * 100
    print(f"terminals:          {count} ({closed} closed, {history.count_closes(outcome='closed')} closed rows)")
    print(f"concurrency:        {concurrency}")
    print(f"latency per close:  {LATENCY * 1000:.0f} ms (simulator in its own process, loopback sockets)")
    print(f"ideal wall time:    {ideal:.2f} s  (ceil({count}/{concurrency}) x {LATENCY} s)")
    print(f"measured wall time: {wall:.2f} s  ({over:+.1f} % vs ideal; target within 15 %)")
    history.close()
    return 0 if closed == count else 1


if __name__ == "__main__":
    sys.exit(main())
