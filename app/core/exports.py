"""The history as CSV: one set of columns for every listener (the CLI's ``history --csv`` and the
window's "Export CSV"), written through the one formula-safe CSV writer (app/core/csvfile.py)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Callable

from app.core.csvfile import CsvWriter
from app.core.files import write_atomically
from app.core.history import CloseFilter, CloseRow, History
from app.core.report import Batch, format_amount

# Stable keys for spreadsheets and scripts (not translated); outcome values are codes. No secrets:
# closes hold none, and the process token (owner) and raw provider data are left out.
CSV_FIELDS = (
    "id",
    "started",
    "finished",
    "terminal",
    "terminal_id",
    "provider",
    "environment",
    "outcome",
    "attempts",
    "request_id",
    "trace_id",
    "http_status",
    "provider_code",
    "provider_message",
    "message",
    "forced",
    "batch_no",
    "currency",
    "transaction_count",
    "net",
    "tip",
    "surcharge",
    "tax",
    "settled_by",
    "settled_at",
    "note",
)


class ExportCancelled(Exception):
    pass


def export_csv(
    history: History,
    filters: CloseFilter,
    path: Path | str,
    progress: Callable[[int], bool | None] | None = None,
    *,
    chunk: int = 2000,
) -> int:
    """Write every close matching ``filters`` to ``path`` as CSV; returns how many.

    Read in keyset chunks on a connection of its own (memory stays flat for a million rows) and
    written atomically (UTF-8 with BOM for spreadsheet programs). ``progress(rows_so_far)`` is
    called after each chunk; returning False cancels (ExportCancelled, no file written).
    """
    count = 0

    def write(tmp: Path) -> None:
        nonlocal count
        reader = history.reader()
        try:
            with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
                writer = CsvWriter(handle, CSV_FIELDS)
                writer.writeheader()
                for close in reader.iter_closes(filters, chunk=chunk):
                    writer.writerow(csv_row(close))
                    count += 1
                    if progress is not None and count % chunk == 0 and progress(count) is False:
                        raise ExportCancelled()
        finally:
            reader.close()

    write_atomically(path, write)
    return count


def csv_row(close: CloseRow) -> list[str]:
    batch = Batch.of(close)
    values = {
        "id": str(close.id),
        "started": _iso_local(close.started_at),
        "finished": _iso_local(close.finished_at),
        "terminal": close.terminal_name,
        "terminal_id": close.terminal_id,
        "provider": close.provider,
        "environment": close.environment,
        "outcome": close.outcome,
        "attempts": str(close.attempts),
        "request_id": close.request_id,
        "trace_id": close.trace_id or "",
        "http_status": "" if close.http_status is None else str(close.http_status),
        "provider_code": close.provider_code or "",
        "provider_message": close.provider_message or "",
        "message": close.message or "",
        "forced": "yes" if close.forced else "",
        "settled_by": close.settled_by or "",
        "settled_at": _iso_local(close.settled_at),
        "note": close.note or "",
    }
    if batch is not None:
        values.update(
            {
                "batch_no": batch.batch_no,
                "currency": batch.currency,
                "transaction_count": str(batch.count),
                **{
                    k: format_amount(getattr(batch, k), batch.currency, grouped=False)
                    for k in ("net", "tip", "surcharge", "tax")
                },
            }
        )
    return [values.get(key, "") for key in CSV_FIELDS]  # made formula-safe by the CSV writer


def _iso_local(moment: datetime | None) -> str:
    return moment.astimezone().isoformat(sep=" ", timespec="seconds") if moment is not None else ""
