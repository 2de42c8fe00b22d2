"""Take the README's screenshots: the demo window in the middle of "Close all".

    xvfb-run -a -s "-screen 0 1280x800x24" python docs/make_screenshot.py               # docs/screenshot-closing.png
    xvfb-run -a -s "-screen 0 1280x800x24" python docs/make_screenshot.py --language de --out docs/screenshot-de.png
    CLOSEOUT_COLOR_SCHEME=dark xvfb-run -a ... --out docs/screenshot-dark.png            # the dark scheme
    xvfb-run -a -s "-screen 0 1024x600x24" python docs/make_screenshot.py --fit --out docs/screenshot-1024x600.png

Run under a real X server (Xvfb) or offscreen. ``--fit`` leaves the window the size the app gives it on
that screen (app/ui/geometry.py) instead of a fixed one.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import qasync

from app.simulator.demo_shop import open_demo
from app.ui import i18n
from app.ui.bootstrap import make_app
from app.ui.main_window import MainWindow

OUT = Path(__file__).parent / "screenshot-closing.png"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--language", default="en", choices=i18n.SUPPORTED)
    parser.add_argument("--delay", type=float, default=2.3, help="seconds after 'Close all' to take it")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--fit", action="store_true", help="keep the size the app picks for the screen")
    args = parser.parse_args()
    app = make_app(sys.argv[:1])
    i18n.install(app, args.language)
    workspace = open_demo()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    window = MainWindow(workspace)
    if not args.fit:
        window.resize(1040, 520)
    window.show()

    async def shoot() -> None:
        await asyncio.sleep(0.6)
        window.request_close([r.terminal for r in window.model.rows()], confirm=False)
        await asyncio.sleep(args.delay)
        if args.fit:  # the whole screen: the window as it sits on it
            app.primaryScreen().grabWindow(0).save(str(args.out))
        else:
            window.grab().save(str(args.out))
        print("saved", args.out)
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
