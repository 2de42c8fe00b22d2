"""The run's summary dialog: skipped terminals under their reason, each reason said once."""

from __future__ import annotations

from app.core.engine import Outcome
from app.core.states import CloseStatus
from app.ui.dialogs.close_run import RunSummaryDialog

EMPTY = "Nothing to close: the open batch has no transactions; nothing was sent."
TODAY = "Already closed today at 21:04; not closed again."


def outcome(name: str, status: CloseStatus, message: str) -> Outcome:
    return Outcome(name.lower(), name, "sunbay", "live", status, message)


def test_skipped_terminals_are_listed_under_their_reason_each_reason_once(qtbot):
    outcomes = [
        outcome("Bar", CloseStatus.SKIPPED, EMPTY),
        outcome("Kiosk", CloseStatus.SKIPPED, EMPTY),
        outcome("Patio", CloseStatus.SKIPPED, TODAY),
        outcome("Counter 1", CloseStatus.CLOSED, "Batch closed."),
        outcome("Garden", CloseStatus.FAILED, "SUNBAY refused the close: Terminal is offline."),
    ]
    dialog = RunSummaryDialog(outcomes)
    qtbot.addWidget(dialog)
    text = dialog.findChild(object, "summary_body").toPlainText()
    assert text.count(EMPTY) == 1 and text.count(TODAY) == 1
    assert "Bar, Kiosk" in text and "Patio" in text.split(TODAY, 1)[1]
    assert "Skipped (3)" in text
    assert "Garden: SUNBAY refused the close: Terminal is offline." in text  # problems keep their own lines


def test_a_thousand_empty_batches_make_one_sentence_and_every_name(qtbot):
    outcomes = [outcome(f"Till {n:04d}", CloseStatus.SKIPPED, EMPTY) for n in range(1000)]
    dialog = RunSummaryDialog(outcomes)
    qtbot.addWidget(dialog)
    text = dialog.findChild(object, "summary_body").toPlainText()
    assert text.count(EMPTY) == 1
    assert all(f"Till {n:04d}" in text for n in range(1000))


def test_outside_text_in_a_reason_or_a_name_is_shown_as_text(qtbot):
    outcomes = [outcome("<b>Bar</b>", CloseStatus.SKIPPED, "<i>odd</i> & reason")]
    dialog = RunSummaryDialog(outcomes)
    qtbot.addWidget(dialog)
    text = dialog.findChild(object, "summary_body").toPlainText()
    assert "<b>Bar</b>" in text and "<i>odd</i> & reason" in text


def test_the_in_doubt_advice_names_the_button_that_settles_them_whatever_the_provider(qtbot):
    # Handpoint's closes in doubt are settled by asking the provider, not by re-sending: the advice says both.
    dialog = RunSummaryDialog([outcome("Garden", CloseStatus.IN_DOUBT, "No answer came back.")])
    qtbot.addWidget(dialog)
    text = dialog.findChild(object, "summary_body").toPlainText()
    assert "Retry safely" in text and "asks the provider" in text and "back office" in text
