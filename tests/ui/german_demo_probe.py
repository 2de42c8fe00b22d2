"""Run by tests/ui/test_untranslated.py: the German demo closed through the real window; prints every text a
person reads (the list, the confirmation, the summary, the closing report) as one JSON object."""

from __future__ import annotations

import asyncio
import json
import os
import sys

os.environ.setdefault("QT_API", "pyside6")

import qasync  # noqa: E402

from app.simulator.demo_shop import open_demo  # noqa: E402
from app.selftest import SELF_TEST_POLICY  # noqa: E402
from app.ui import i18n  # noqa: E402
from app.ui.bootstrap import make_app  # noqa: E402


def main() -> int:
    app = make_app(["closeout"])
    i18n.install(app, sys.argv[1] if len(sys.argv) > 1 else "de")
    from app.ui.dialogs.close_run import RunSummaryDialog
    from app.ui.main_window import MainWindow
    from app.ui.report_view import ReportDialog

    workspace = open_demo(latency_scale=0.05, policy=SELF_TEST_POLICY)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    window = MainWindow(workspace)
    window.show()
    texts: dict[str, list[str]] = {}

    def table() -> list[str]:
        model = window.model
        return [
            str(model.index(r, c).data() or "") for r in range(model.rowCount()) for c in range(model.columnCount())
        ]

    async def run() -> None:
        await asyncio.sleep(0.5)
        preview = window.refresh_open_batches()
        if preview is not None:
            await preview
        window.close_all()
        texts["confirm"] = [
            window._confirm.title.text(),
            window._confirm.listing.toPlainText(),
            window._confirm.close_button.text(),
        ]
        window._confirm.reject()
        finished = asyncio.get_running_loop().create_future()
        window.runFinished.connect(lambda outcomes: finished.done() or finished.set_result(outcomes))
        window.request_close([r.terminal for r in window.model.rows()], confirm=False)
        outcomes = await asyncio.wait_for(finished, timeout=60)
        texts["list"] = table()
        texts["summary"] = [RunSummaryDialog(outcomes, window).findChild(object, "summary_body").toPlainText()]
        texts["banner"] = [window.doubt_banner.text.text()]
        report = ReportDialog(workspace.history, window.settings, window)
        texts["report"] = [report.preview.toPlainText()]
        await workspace.aclose()

    with loop:
        loop.run_until_complete(run())
    print(json.dumps(texts, ensure_ascii=False), flush=True)
    workspace.close()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
