"""Take the README's screenshot: the demo window in the middle of "Close all".

Run under a real X server (``xvfb-run -a python docs/make_screenshot.py``) or offscreen.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import qasync

from app.core.workspace import open_demo
from app.ui.bootstrap import make_app
from app.ui.main_window import MainWindow

OUT = Path(__file__).parent / "screenshot-closing.png"


def main() -> int:
    app = make_app(sys.argv[:1])
    workspace = open_demo()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    window = MainWindow(workspace)
    window.resize(1040, 520)
    window.show()

    async def shoot() -> None:
        await asyncio.sleep(0.3)
        window.request_close([r.terminal for r in window.model.rows()], confirm=False)
        await asyncio.sleep(float(sys.argv[1]) if len(sys.argv) > 1 else 2.3)
        target = Path(sys.argv[2]) if len(sys.argv) > 2 else OUT
        window.grab().save(str(target))
        print("saved", target)
        window.workspace.engine().cancel()
        while window.running:
            await asyncio.sleep(0.05)

    with loop:
        loop.run_until_complete(shoot())
        loop.run_until_complete(workspace.aclose())
    workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
