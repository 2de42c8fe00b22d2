"""The closing report of one day: what each terminal's close did, the day's totals, what to do next.

Built from the history alone (no provider is asked), so it can be printed for any past day.
Saferpay's close answers carry no batch number and no totals (docs/providers/saferpay.md §3); SUNBAY's ``data``
carries both, in minor units of ``priceCurrency``. The report says plainly which terminals
its totals leave out, so a bookkeeper never mistakes a partial sum for the day's takings.

No Qt here: the window and ``closeout report --pdf`` turn :func:`render_html` into a PDF.
Every string people see is in :data:`TEXT`, marked for Qt Linguist, and goes through a ``tr``
callable (identity by default; the window passes ``QCoreApplication.translate`` bound to
:data:`CONTEXT`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from app.core.i18n import format_date
from app.core.money import EXPONENTS as EXPONENTS, exponent as exponent, format_amount as format_amount, major as major
from app.core import days, providers, terminals
from app.core.csvfile import save_csv
from app.core.files import write_atomically  # noqa: F401 - re-exported for the window's writers
from app.core.history import CloseRow, History
from app.core.providers.base import Terminal
from app.core.settings import Settings
from app.core.states import CloseStatus, DayState
from app.core.text import clean

Tr = Callable[[str], str]

CONTEXT = "ClosingReport"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name pyside6-lupdate looks for
    """Marks ``text`` for translation without importing Qt; ``tr`` translates it when shown."""
    return text


def _same(text: str) -> str:
    return text


# Every user-visible string of the report, in one place.
TEXT: dict[str, str] = {
    "title": QT_TRANSLATE_NOOP("ClosingReport", "Closing report"),
    "no_shop": QT_TRANSLATE_NOOP("ClosingReport", "Shop name not set (Settings)"),
    "day": QT_TRANSLATE_NOOP("ClosingReport", "Day"),
    "generated": QT_TRANSLATE_NOOP("ClosingReport", "Generated"),
    "summary": QT_TRANSLATE_NOOP("ClosingReport", "{closed} of {total} terminals closed"),
    "summary_failed": QT_TRANSLATE_NOOP("ClosingReport", "{n} failed"),
    "summary_in_doubt": QT_TRANSLATE_NOOP("ClosingReport", "{n} in doubt"),
    "summary_not_closed": QT_TRANSLATE_NOOP("ClosingReport", "{n} not closed"),
    "terminals": QT_TRANSLATE_NOOP("ClosingReport", "Terminals"),
    "no_terminals": QT_TRANSLATE_NOOP("ClosingReport", "No terminals are configured and none closed on this day."),
    "col_terminal": QT_TRANSLATE_NOOP("ClosingReport", "Terminal"),
    "col_outcome": QT_TRANSLATE_NOOP("ClosingReport", "Outcome"),
    "col_time": QT_TRANSLATE_NOOP("ClosingReport", "Time"),
    "col_batch": QT_TRANSLATE_NOOP("ClosingReport", "Batch"),
    "col_count": QT_TRANSLATE_NOOP("ClosingReport", "Count"),
    "col_currency": QT_TRANSLATE_NOOP("ClosingReport", "Currency"),
    "col_net": QT_TRANSLATE_NOOP("ClosingReport", "Net"),
    "col_tip": QT_TRANSLATE_NOOP("ClosingReport", "Tip"),
    "col_surcharge": QT_TRANSLATE_NOOP("ClosingReport", "Surcharge"),
    "col_tax": QT_TRANSLATE_NOOP("ClosingReport", "Tax"),
    "col_batches": QT_TRANSLATE_NOOP("ClosingReport", "Batches"),
    "col_request": QT_TRANSLATE_NOOP("ClosingReport", "Request id"),
    "col_trace": QT_TRANSLATE_NOOP("ClosingReport", "Trace id"),
    "env_live": QT_TRANSLATE_NOOP("ClosingReport", "live"),
    "env_test": QT_TRANSLATE_NOOP("ClosingReport", "test"),
    "removed": QT_TRANSLATE_NOOP("ClosingReport", "removed since"),
    "closes_that_day": QT_TRANSLATE_NOOP("ClosingReport", "{n} closes this day"),
    "not_reported": QT_TRANSLATE_NOOP("ClosingReport", "{provider} reports no batch number or amounts"),
    "tries": QT_TRANSLATE_NOOP("ClosingReport", "after {n} tries"),
    "outcome_closed": QT_TRANSLATE_NOOP("ClosingReport", "Closed"),
    "outcome_failed": QT_TRANSLATE_NOOP("ClosingReport", "Failed"),
    "outcome_in_doubt": QT_TRANSLATE_NOOP("ClosingReport", "In doubt"),
    "outcome_not_closed": QT_TRANSLATE_NOOP("ClosingReport", "NOT CLOSED"),
    "outcome_sending": QT_TRANSLATE_NOOP("ClosingReport", "Being sent"),
    "outcome_skipped": QT_TRANSLATE_NOOP("ClosingReport", "Nothing to close"),
    "totals": QT_TRANSLATE_NOOP("ClosingReport", "Totals per currency"),
    "test_totals": QT_TRANSLATE_NOOP("ClosingReport", "Test terminals (not real money)"),
    "no_totals": QT_TRANSLATE_NOOP("ClosingReport", "No closed batch of this day reported amounts."),
    "totals_leave_out": QT_TRANSLATE_NOOP(
        "ClosingReport",
        "The totals leave out {names}: {providers} does not report batch numbers or amounts "
        "when closing; take those from the provider's back office.",
    ),
    "next_steps": QT_TRANSLATE_NOOP("ClosingReport", "What to do next"),
    "all_done": QT_TRANSLATE_NOOP("ClosingReport", "Nothing to do: every terminal closed."),
    "step_failed": QT_TRANSLATE_NOOP(
        "ClosingReport", "The close at {time} failed: {reason} Close it again after fixing that."
    ),
    "step_failed_no_reason": QT_TRANSLATE_NOOP(
        "ClosingReport", "The close at {time} failed. Close it again after fixing the reason shown in the history."
    ),
    "step_failed_earlier_ok": QT_TRANSLATE_NOOP(
        "ClosingReport", "An earlier close at {time} went through; close again only if payments came in after it."
    ),
    "step_in_doubt": QT_TRANSLATE_NOOP(
        "ClosingReport",
        "The close at {time} is in doubt: it may have gone through. Closeout re-sends the same "
        "close next time, so it cannot close twice; check in the {provider} back office.",
    ),
    "step_not_closed": QT_TRANSLATE_NOOP("ClosingReport", "Not closed on this day. Close it now."),
    "step_sending": QT_TRANSLATE_NOOP(
        "ClosingReport",
        "A close started at {time} was still being sent when this report was made; make the report again in a minute.",
    ),
    "references": QT_TRANSLATE_NOOP("ClosingReport", "References for support"),
    "footer": QT_TRANSLATE_NOOP("ClosingReport", "Amounts in major units of each currency; times are local."),
    "weekday_0": QT_TRANSLATE_NOOP("ClosingReport", "Monday"),
    "weekday_1": QT_TRANSLATE_NOOP("ClosingReport", "Tuesday"),
    "weekday_2": QT_TRANSLATE_NOOP("ClosingReport", "Wednesday"),
    "weekday_3": QT_TRANSLATE_NOOP("ClosingReport", "Thursday"),
    "weekday_4": QT_TRANSLATE_NOOP("ClosingReport", "Friday"),
    "weekday_5": QT_TRANSLATE_NOOP("ClosingReport", "Saturday"),
    "weekday_6": QT_TRANSLATE_NOOP("ClosingReport", "Sunday"),
}


def text(key: str, tr: Tr = _same, **values: Any) -> str:
    """The translated string ``key`` with its ``{placeholders}`` filled in."""
    translated = tr(TEXT[key])
    return translated.format(**values) if values else translated


# -- amounts --------------------------------------------------------------------------------------

AMOUNT_FIELDS = ("net", "tip", "surcharge", "tax")
_DATA_KEYS = {"net": "netAmount", "tip": "tipAmount", "surcharge": "surchargeAmount", "tax": "taxAmount"}


def _minor(value: Any) -> int | None:
    """An integer amount from the provider's data; None when absent or not a whole number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


@dataclass(frozen=True)
class Batch:
    """One closed batch as the provider reported it (SUNBAY ``data``); amounts in minor units."""

    batch_no: str
    currency: str
    count: int
    net: int
    tip: int
    surcharge: int
    tax: int
    environment: str = "live"  # of the close that reported it: test money is totalled apart
    batch_time: str = field(default="", compare=False)  # when the provider says it closed, as written ("batchTime")

    @classmethod
    def from_data(cls, data: Mapping[str, Any] | None) -> "Batch | None":
        """None when the answer held no amounts (Saferpay never does)."""
        if not data:
            return None
        currency = str(data.get("priceCurrency") or "").strip().upper()
        amounts = {k: _minor(data.get(key)) for k, key in _DATA_KEYS.items()}
        count = _minor(data.get("transactionCount"))
        if not currency or (count is None and all(v is None for v in amounts.values())):
            return None
        return cls(
            batch_no=str(data.get("batchNo") or "").strip(),
            currency=currency,
            count=count or 0,
            net=amounts["net"] or 0,
            tip=amounts["tip"] or 0,
            surcharge=amounts["surcharge"] or 0,
            tax=amounts["tax"] or 0,
            batch_time=str(data.get("batchTime") or "").strip(),
        )

    @classmethod
    def of(cls, close: CloseRow) -> "Batch | None":
        """The batch a close reported, read by its provider (Capability.BATCH_TOTALS); None without amounts, and
        for a provider without batch totals or one this version does not know (its answer is not guessed at)."""
        provider = providers.PROVIDERS.get(close.provider)
        if provider is None or not provider.can(providers.Capability.BATCH_TOTALS):
            return None
        settings = (close.request or {}).get("settings") or {}
        return cls.from_data(provider.batch_totals(close.data, settings))


@dataclass
class Total:
    """The day's sum in one currency and environment (test money is never added to live money)."""

    currency: str
    environment: str
    batches: int = 0
    count: int = 0
    net: int = 0
    tip: int = 0
    surcharge: int = 0
    tax: int = 0

    def add(self, batch: Batch) -> None:
        self.batches += 1
        self.count += batch.count
        for name in AMOUNT_FIELDS:
            setattr(self, name, getattr(self, name) + getattr(batch, name))


# -- the report -----------------------------------------------------------------------------------

PROBLEMS = (CloseStatus.FAILED, CloseStatus.IN_DOUBT, DayState.NOT_CLOSED, CloseStatus.SENDING)


@dataclass(frozen=True)
class TerminalLine:
    """One terminal on the day: its latest close of that day (or none) and that day's batches."""

    terminal_id: str
    name: str
    provider: str  # the provider's NAME (app/core/providers)
    provider_label: str
    environment: str  # "live" | "test"
    reference: str  # Saferpay terminal id, SUNBAY serial number
    outcome: str  # closed | failed | in_doubt | sending | skipped | not_closed
    removed: bool = False  # closed that day, removed from Closeout since
    time: datetime | None = None  # local time the latest close started (a late answer stays on its day)
    attempts: int = 0
    closes: int = 0  # how many closes were started that day
    batches: tuple[Batch, ...] = ()  # every batch closed that day with amounts, oldest first
    request_id: str | None = None
    trace_id: str | None = None
    message: str | None = None  # the latest close's outcome in words (a failure's reason)
    earlier_success: datetime | None = None  # a failed latest close after a successful one that day

    @property
    def is_problem(self) -> bool:
        return self.outcome in PROBLEMS


@dataclass(frozen=True)
class Problem:
    """Something the shop must act on, with the terminal it concerns."""

    name: str
    kind: str  # failed | in_doubt | not_closed | sending
    provider_label: str
    time: datetime | None = None
    reason: str | None = None
    earlier_success: datetime | None = None
    request_id: str | None = None


@dataclass(frozen=True)
class ClosingReport:
    shop_name: str
    shop_address: str
    day: date
    generated_at: datetime  # local, aware
    lines: tuple[TerminalLine, ...]
    totals: tuple[Total, ...]  # live first, then test; by currency
    problems: tuple[Problem, ...]
    without_amounts: tuple[TerminalLine, ...] = field(default=())  # closed, but the provider gave no amounts

    @property
    def closed(self) -> int:
        return sum(1 for line in self.lines if line.outcome in (CloseStatus.CLOSED, CloseStatus.SKIPPED))

    def count(self, outcome: str) -> int:
        return sum(1 for line in self.lines if line.outcome == outcome)


def day_bounds(day: date, day_end: time = time()) -> tuple[datetime, datetime]:
    """The start of business day ``day`` and of the next, as aware datetimes (DST-safe: 23 or 25 hours).
    With the default ``day_end`` (midnight) these are the calendar day's local midnights."""
    return days.day_bounds(day, day_end)


def build_report(history: History, settings: Settings, day: date, *, now: datetime | None = None) -> ClosingReport:
    """The report of ``day`` (a local date): every configured terminal, plus any terminal removed
    since that closed that day."""
    since, until = day_bounds(day, settings.day_end())  # the business day (app/core/days.py)
    rows = sorted(history.closes(since=since, until=until), key=lambda r: (r.started_at, r.id))
    by_terminal: dict[str, list[CloseRow]] = {}
    for row in rows:
        by_terminal.setdefault(row.terminal_id, []).append(row)

    lines: list[TerminalLine] = []
    configured = history.terminals()
    for terminal in configured:
        lines.append(_line(terminal.id, by_terminal.pop(terminal.id, []), terminal))
    for terminal_id, closes in sorted(by_terminal.items(), key=lambda item: item[1][-1].terminal_name.lower()):
        lines.append(_line(terminal_id, closes, None))

    totals: dict[tuple[str, str], Total] = {}
    for line in lines:
        for batch in line.batches:
            key = (batch.environment, batch.currency)
            totals.setdefault(key, Total(batch.currency, batch.environment)).add(batch)
    ordered = sorted(totals.values(), key=lambda t: (t.environment != "live", t.currency))

    problems = tuple(
        Problem(
            name=line.name,
            kind=line.outcome,
            provider_label=line.provider_label,
            time=line.time,
            reason=line.message,
            earlier_success=line.earlier_success,
            request_id=line.request_id,
        )
        for line in lines
        if line.is_problem
    )
    without = tuple(line for line in lines if line.outcome == CloseStatus.CLOSED and not line.batches)
    return ClosingReport(
        shop_name=(settings.shop_name or "").strip(),
        shop_address=(settings.shop_address or "").strip(),
        day=day,
        generated_at=(now or datetime.now()).astimezone(),
        lines=tuple(lines),
        totals=tuple(ordered),
        problems=problems,
        without_amounts=without,
    )


def _line(terminal_id: str, closes: list[CloseRow], terminal: Terminal | None) -> TerminalLine:
    latest = closes[-1] if closes else None
    if terminal is not None:
        name, provider, label = terminal.name, terminal.provider, providers.label(terminal.provider)
        env, reference = terminals.environment(terminal), terminals.display_id(terminal)
    else:
        assert latest is not None
        name, provider, env = latest.terminal_name, latest.provider, latest.environment
        label = providers.label(provider)
        reference = str(
            next((c.data.get("terminalSn") for c in reversed(closes) if c.data and c.data.get("terminalSn")), "") or ""
        )
    if latest is None:
        return TerminalLine(terminal_id, name, provider, label, env, reference, DayState.NOT_CLOSED)
    batches = tuple(
        replace(b, environment=c.environment)
        for c in closes
        if c.outcome == CloseStatus.CLOSED
        for b in [Batch.of(c)]
        if b is not None
    )
    earlier = None
    if latest.outcome == CloseStatus.FAILED:
        ok = [c for c in closes[:-1] if c.outcome == CloseStatus.CLOSED]
        earlier = _local(ok[-1].started_at) if ok else None
    return TerminalLine(
        terminal_id=terminal_id,
        name=name,
        provider=provider,
        provider_label=label,
        environment=env,
        reference=reference,
        outcome=latest.outcome,
        removed=terminal is None,
        time=_local(latest.started_at),
        attempts=latest.attempts,
        closes=len(closes),
        batches=batches,
        request_id=latest.request_id,
        trace_id=latest.trace_id,
        message=latest.message,
        earlier_success=earlier,
    )


def _local(moment: datetime | None) -> datetime | None:
    return moment.astimezone() if moment is not None else None


# -- words ----------------------------------------------------------------------------------------


def outcome_label(outcome: str, tr: Tr = _same) -> str:
    key = f"outcome_{outcome}"
    return text(key, tr) if key in TEXT else outcome.replace("_", " ")


def environment_label(environment: str, tr: Tr = _same) -> str:
    key = f"env_{environment}"
    return text(key, tr) if key in TEXT else environment


def day_label(day: date, tr: Tr = _same) -> str:
    return f"{text(f'weekday_{day.weekday()}', tr)} {format_date(day)}"


def clock(moment: datetime | None) -> str:
    return moment.strftime("%H:%M") if moment is not None else ""


def next_step(problem: Problem, tr: Tr = _same) -> str:
    """What to do about ``problem``, in plain words (without the terminal's name)."""
    when = clock(problem.time)
    if problem.kind == CloseStatus.FAILED:
        reason = (problem.reason or "").strip()
        if reason and reason[-1] not in ".!?]":
            reason += "."
        words = (
            text("step_failed", tr, time=when, reason=reason)
            if reason
            else text("step_failed_no_reason", tr, time=when)
        )
        if problem.earlier_success is not None:
            words += " " + text("step_failed_earlier_ok", tr, time=clock(problem.earlier_success))
        return words
    if problem.kind == CloseStatus.IN_DOUBT:
        return text("step_in_doubt", tr, time=when, provider=problem.provider_label)
    if problem.kind == CloseStatus.SENDING:
        return text("step_sending", tr, time=when)
    return text("step_not_closed", tr)


def summary(report: ClosingReport, tr: Tr = _same) -> str:
    parts = [text("summary", tr, closed=report.closed, total=len(report.lines))]
    for outcome in (CloseStatus.FAILED, CloseStatus.IN_DOUBT, DayState.NOT_CLOSED):
        n = report.count(outcome)
        if n:
            parts.append(text(f"summary_{outcome}", tr, n=n))
    return " · ".join(parts)


def amounts_by_currency(batches: Iterable[Batch]) -> list[Total]:
    sums: dict[str, Total] = {}
    for batch in batches:
        sums.setdefault(batch.currency, Total(batch.currency, "")).add(batch)
    return [sums[c] for c in sorted(sums)]


# -- HTML -----------------------------------------------------------------------------------------

OUTCOME_STYLE: dict[str, tuple[str, str]] = {  # text colour, row background, by outcome word (HTML and PDF)
    CloseStatus.CLOSED: ("#166534", ""),
    CloseStatus.SKIPPED: ("#166534", ""),
    CloseStatus.FAILED: ("#b91c1c", "#fee2e2"),
    CloseStatus.IN_DOUBT: ("#92400e", "#fef3c7"),
    DayState.NOT_CLOSED: ("#b91c1c", "#fee2e2"),
    CloseStatus.SENDING: ("#1e40af", "#dbeafe"),
}

# Kept to what both browsers and Qt's rich text (QTextDocument) understand.
_CSS = """
body { font-family: 'DejaVu Sans', 'Segoe UI', Arial, sans-serif; font-size: 9pt; color: #111827; }
h1 { font-size: 16pt; margin-top: 0; margin-bottom: 2pt; }
h2 { font-size: 11pt; margin-top: 16px; margin-bottom: 5px; color: #1f2937; }
p { margin-top: 0; margin-bottom: 3pt; }
table { margin-bottom: 10px; }
table.grid { border-collapse: collapse; }
table.grid th { background-color: #e5e7eb; text-align: left; font-weight: bold; font-size: 8pt;
                border: 1px solid #9ca3af; padding: 4px; white-space: nowrap; }
table.grid td { border: 1px solid #9ca3af; padding: 4px; vertical-align: top; font-size: 8.5pt; }
table.steps td { padding: 4px; border-bottom: 1px solid #e5e7eb; }
.num, table.grid th.num { text-align: right; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.shop { font-size: 12pt; font-weight: bold; }
.muted { color: #4b5563; }
.small { font-size: 7.5pt; color: #4b5563; }
.mono { font-family: 'DejaVu Sans Mono', Consolas, monospace; font-size: 7.5pt; }
.summary { font-size: 10pt; font-weight: bold; margin-top: 8pt; }
.warn { color: #b91c1c; }
"""


def _escape(value: Any) -> str:
    """A value for the report's HTML (and so its PDF): outside text cleaned of control characters, escaped."""
    return html.escape(clean(value))


def render_html(report: ClosingReport, tr: Tr = _same) -> str:
    """The report as one printable HTML page; every value from the history or settings is escaped."""
    e = _escape
    title = text("title", tr)
    shop = report.shop_name or text("no_shop", tr)
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html><head><meta charset="utf-8"><title>{e(title)} · {e(shop)} · {e(format_date(report.day))}</title>',
        f"<style>{_CSS}</style></head><body>",
        '<table width="100%" cellspacing="0" cellpadding="0"><tr>',
        f'<td valign="top"><h1>{e(title)}</h1>',
        f"<p><b>{e(text('day', tr))}:</b> {e(day_label(report.day, tr))}</p>",
        f'<p class="muted">{e(text("generated", tr))}: {e(format_date(report.generated_at) + report.generated_at.strftime(" %H:%M"))}</p></td>',
        f'<td valign="top" align="right"><p class="shop">{e(shop)}</p>',
    ]
    if report.shop_address:
        out.append(f'<p class="muted">{"<br>".join(e(l) for l in report.shop_address.splitlines() if l.strip())}</p>')
    out.append("</td></tr></table>")
    warn = ' class="summary warn"' if report.problems else ' class="summary"'
    out.append(f"<p{warn}>{e(summary(report, tr))}</p>")

    # Terminals
    out.append(f"<h2>{e(text('terminals', tr))}</h2>")
    if not report.lines:
        out.append(f"<p>{e(text('no_terminals', tr))}</p>")
    else:
        out.append('<table class="grid" width="100%" cellspacing="0"><thead><tr>')
        out.extend(f'<th{_cls(c)} width="{w}%">{e(text(k, tr))}</th>' for k, c, w in _LINE_COLUMNS)
        out.append("</tr></thead><tbody>")
        for line in report.lines:
            out.append(_html_line(line, tr))
        out.append("</tbody></table>")

    # Totals
    out.append(f"<h2>{e(text('totals', tr))}</h2>")
    if report.totals:
        out.append('<table class="grid" width="75%" cellspacing="0"><thead><tr>')
        for key, cls in (
            ("col_currency", ""),
            ("col_batches", "num"),
            ("col_count", "num"),
            ("col_net", "num"),
            ("col_tip", "num"),
            ("col_surcharge", "num"),
            ("col_tax", "num"),
        ):
            out.append(f"<th{_cls(cls)}>{e(text(key, tr))}</th>")
        out.append("</tr></thead><tbody>")
        for total in report.totals:
            label = e(total.currency)
            if total.environment != "live":
                label += f'<br><span class="small">{e(text("test_totals", tr))}</span>'
            cells = [label, str(total.batches), str(total.count)]
            cells += [e(format_amount(getattr(total, k), total.currency)) for k in AMOUNT_FIELDS]
            out.append(
                "<tr>" + "".join(f"<td{_cls('' if i == 0 else 'num')}>{c}</td>" for i, c in enumerate(cells)) + "</tr>"
            )
        out.append("</tbody></table>")
    else:
        out.append(f"<p>{e(text('no_totals', tr))}</p>")
    if report.without_amounts:
        names = ", ".join(line.name for line in report.without_amounts)
        labels = ", ".join(sorted({line.provider_label for line in report.without_amounts}))
        out.append(f'<p class="muted">{e(text("totals_leave_out", tr, names=names, providers=labels))}</p>')

    # What to do next
    out.append(f"<h2>{e(text('next_steps', tr))}</h2>")
    if report.problems:
        out.append('<table class="steps" width="100%" cellspacing="0">')
        for problem in report.problems:
            color = OUTCOME_STYLE.get(problem.kind, ("#111827", ""))[0]
            out.append(
                f'<tr><td valign="top" width="22%"><b>{e(problem.name)}</b><br>'
                f'<span style="color:{color}; font-weight:bold">{e(outcome_label(problem.kind, tr))}</span>'
                f'</td><td valign="top">{e(next_step(problem, tr))}</td></tr>'
            )
        out.append("</table>")
    else:
        out.append(f"<p>{e(text('all_done', tr))}</p>")

    # References for support
    refs = [line for line in report.lines if line.request_id or line.trace_id]
    if refs:
        out.append(f"<h2>{e(text('references', tr))}</h2>")
        out.append('<table class="grid" cellspacing="0"><thead><tr>')
        for key in ("col_terminal", "col_request", "col_trace"):
            out.append(f'<th class="small">{e(text(key, tr))}</th>')
        out.append("</tr></thead><tbody>")
        for line in refs:
            out.append(
                f'<tr><td class="small">{e(line.name)}</td><td class="mono">{e(line.request_id or "")}</td>'
                f'<td class="mono">{e(line.trace_id or "")}</td></tr>'
            )
        out.append("</tbody></table>")
    out.append(f'<p class="small" style="margin-top:10pt">{e(text("footer", tr))}</p>')
    out.append("</body></html>")
    return "\n".join(out)


# (header, alignment, width in % of the page) of the terminals table: sized for A4 portrait.
_LINE_COLUMNS = (
    ("col_terminal", "", 25),
    ("col_outcome", "nowrap", 13),
    ("col_time", "nowrap", 7),
    ("col_batch", "nowrap", 9),
    ("col_count", "num", 7),
    ("col_currency", "nowrap", 8),
    ("col_net", "num", 10),
    ("col_tip", "num", 7),
    ("col_surcharge", "num", 8),
    ("col_tax", "num", 6),
)


def _cls(name: str) -> str:
    return f' class="{name}"' if name else ""


def _html_line(line: TerminalLine, tr: Tr) -> str:
    e = _escape
    color, background = OUTCOME_STYLE.get(line.outcome, ("#111827", ""))
    bg = f' bgcolor="{background}"' if background else ""
    details = e(f"{line.provider_label} · {environment_label(line.environment, tr)}")
    if line.reference:
        details += "<br>" + e(line.reference)
    who = f'<b>{e(line.name)}</b><br><span class="small">{details}</span>'
    if line.removed:
        who += f'<br><span class="small"><i>{e(text("removed", tr))}</i></span>'
    outcome = f'<span style="color:{color}; font-weight:bold">{e(outcome_label(line.outcome, tr))}</span>'
    if line.closes > 1:
        outcome += f'<br><span class="small">{e(text("closes_that_day", tr, n=line.closes))}</span>'
    if line.attempts > 1:
        outcome += f'<br><span class="small">{e(text("tries", tr, n=line.attempts))}</span>'
    cells = [(who, ""), (outcome, "nowrap"), (e(clock(line.time)), "nowrap")]
    sums = amounts_by_currency(line.batches)
    if sums:
        cells += [
            ("<br>".join(e(b.batch_no) for b in line.batches if b.batch_no), "nowrap"),
            ("<br>".join(str(s.count) for s in sums), "num"),
            ("<br>".join(e(s.currency) for s in sums), "nowrap"),
        ]
        cells += [
            ("<br>".join(e(format_amount(getattr(s, k), s.currency)) for s in sums), "num") for k in AMOUNT_FIELDS
        ]
    elif line.outcome == CloseStatus.CLOSED:
        words = e(text("not_reported", tr, provider=line.provider_label))
        return (
            f"<tr{bg}>"
            + "".join(f"<td{_cls(c)}>{v}</td>" for v, c in cells)
            + f'<td colspan="7"><span class="small">{words}</span></td></tr>'
        )
    else:
        cells += [("", "")] * 7
    return f"<tr{bg}>" + "".join(f"<td{_cls(c)}>{v}</td>" for v, c in cells) + "</tr>"


# -- CSV ------------------------------------------------------------------------------------------

# Column names are stable keys for spreadsheets and scripts (not translated); outcome values are codes.
CSV_FIELDS = (
    "row",
    "day",
    "shop",
    "terminal",
    "provider",
    "environment",
    "terminal_ref",
    "outcome",
    "time",
    "attempts",
    "closes",
    "batch_no",
    "currency",
    "transaction_count",
    "net",
    "tip",
    "surcharge",
    "tax",
    "request_id",
    "trace_id",
    "message",
    "next_step",
)


def csv_rows(report: ClosingReport, tr: Tr = _same) -> list[dict[str, str]]:
    """One ``terminal`` row per terminal and currency it closed in, then one ``total`` row per currency."""
    rows: list[dict[str, str]] = []
    steps = {p.name: next_step(p, tr) for p in report.problems}
    base = {"day": report.day.isoformat(), "shop": report.shop_name}
    for line in report.lines:
        common = {
            **base,
            "row": "terminal",
            "terminal": line.name,
            "provider": line.provider,
            "environment": line.environment,
            "terminal_ref": line.reference,
            "outcome": line.outcome,
            "time": clock(line.time),
            "attempts": str(line.attempts) if line.closes else "",
            "closes": str(line.closes),
            "request_id": line.request_id or "",
            "trace_id": line.trace_id or "",
            "message": line.message or "",
            "next_step": steps.get(line.name, "") if line.is_problem else "",
        }
        sums = amounts_by_currency(line.batches)
        if not sums:
            rows.append(common)
        for s in sums:
            numbers = " ".join(b.batch_no for b in line.batches if b.currency == s.currency and b.batch_no)
            rows.append({**common, "batch_no": numbers, **_csv_amounts(s)})
    for total in report.totals:
        rows.append(
            {
                **base,
                "row": "total" if total.environment == "live" else "test_total",
                "environment": total.environment,
                "closes": str(total.batches),
                **_csv_amounts(total),
            }
        )
    return rows


def _csv_amounts(total: Total) -> dict[str, str]:
    values = {k: format_amount(getattr(total, k), total.currency, grouped=False) for k in AMOUNT_FIELDS}
    return {"currency": total.currency, "transaction_count": str(total.count), **values}


def render_csv(report: ClosingReport, path: Path | str, tr: Tr = _same) -> Path:
    """Write the report as CSV through the one CSV writer (formula-safe cells, UTF-8 with BOM),
    atomically. Returns the path."""
    return save_csv(path, CSV_FIELDS, csv_rows(report, tr))
