"""Logging to a rotating file in the home, with secrets redacted from every line.

Windowed builds have no stderr, so the file is the one place logs go. Authorization headers
and every secret the app has read are replaced by ``[redacted]`` before a line is written.

The file is written by a thread of its own (logging's QueueHandler and QueueListener): a line logged
on the event loop's thread is handed over, never written there, so a slow disk (a write waiting for
the file system's journal while the history commits) never stalls the window or a close run.
:func:`flush` waits until every line so far is in the file; :func:`stop` before the process ends.
"""

from __future__ import annotations

import bisect
import logging
import logging.handlers
import atexit
import os
import queue
import re
import threading
from io import TextIOWrapper
from typing import TextIO
from pathlib import Path

from app.core.text import clean

_HEADER = re.compile(r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?)(bearer|basic)?\s*[^\s\"',}]+")
_SCHEME = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=\-]{6,}")
_secrets: set[str] = set()
_secrets_lock = threading.Lock()
_longest_first: tuple[str, ...] = ()  # _secrets, longest first (a new tuple for each secret added)
_PREFIX = 4  # a secret is remembered from 4 characters on
_by_prefix: dict[str, tuple[str, ...]] = {}  # a secret's first 4 characters -> the secrets starting so
REDACTED = "[redacted]"
LOG_NAME = "closeout.log"


def remember_secret(value: str | None) -> None:
    """Every secret read from or written to the credential store is redacted from logs."""
    global _longest_first
    if value and len(value) >= _PREFIX and value not in _secrets:
        with _secrets_lock:
            if value in _secrets:
                return
            _secrets.add(value)
            at = bisect.bisect_left(_longest_first, -len(value), key=lambda known: -len(known))
            _longest_first = (*_longest_first[:at], value, *_longest_first[at:])
            _by_prefix[value[:_PREFIX]] = (*_by_prefix.get(value[:_PREFIX], ()), value)


def _present(text: str, known: tuple[str, ...]) -> tuple[str, ...]:
    """The known secrets that occur in ``text``, longest first.

    With many secrets (a shop with 1,000 terminals) one search of the line per secret took ~0.2-0.5 ms for
    each log line; a line is now looked up once per position by the first four characters there, which
    costs the same whatever the number of secrets. A text much longer than that is searched per secret."""
    if len(text) > 8 * len(known):
        return tuple(value for value in known if value in text)
    found: set[str] = set()
    bucket_of = _by_prefix.get
    for at in range(len(text) - _PREFIX + 1):
        bucket = bucket_of(text[at : at + _PREFIX])
        if bucket:
            found.update(value for value in bucket if text.startswith(value, at))
    return tuple(value for value in known if value in found) if found else ()


def redact(text: str) -> str:
    text = _HEADER.sub(lambda m: m.group(1) + REDACTED, text)
    text = _SCHEME.sub(lambda m: f"{m.group(1)} {REDACTED}", text)
    for value in _present(text, _longest_first):  # longest first: a secret inside another goes with it
        if value in text:
            text = text.replace(value, REDACTED)
    return text


class RedactingFormatter(logging.Formatter):
    """Secrets redacted; the message made one plain line, so outside text (a provider's message, a
    terminal name) can neither forge a log line nor carry escape sequences into a terminal's ``tail``."""

    def format(self, record: logging.LogRecord) -> str:
        message = clean(record.getMessage())
        if message != record.msg or record.args:
            record = logging.makeLogRecord({**record.__dict__, "msg": message, "args": None})
        return redact(super().format(record))


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Log files readable by their owner only (0600 whatever the umask), rotated ones included."""

    _closeout = True  # setup() put it there (and replaces it when called again)

    def _open(self) -> TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if os.name == "posix":
            try:
                os.fchmod(fd, 0o600)
            except OSError:
                pass
        stream = open(fd, self.mode, encoding=self.encoding, errors=self.errors)
        assert isinstance(stream, TextIOWrapper)  # a text mode ("a" or "w"), as logging's own handler opens
        return stream

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        """A log line that cannot be written (a full disk) is dropped: logging's default prints a traceback
        on stderr, and no traceback may reach a user. What happened is said by the run itself."""


_pending: list[tuple[str, int, str]] = []


def later(name: str, level: int, message: str) -> None:
    """A log line from before the log file is open (the home is made first): written once :func:`setup` ran."""
    if any(getattr(h, "_closeout", False) for h in logging.getLogger().handlers):
        logging.getLogger(name).log(level, message)
    else:
        _pending.append((name, level, message))


class _Handover(logging.handlers.QueueHandler):
    """Hands a record to the writer thread. Only the message is made text here (its arguments may change
    later); the writer's RedactingFormatter does the rest, exactly as if it wrote the line itself."""

    _closeout = True  # setup() put it there (and replaces it when called again)

    def prepare(self, record: logging.LogRecord) -> logging.LogRecord:
        record = logging.makeLogRecord(record.__dict__)
        record.msg, record.args = record.getMessage(), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None  # the text is kept: a traceback object is not handed to another thread
        return record

    def close(self) -> None:
        """Closing the handler closes the file too (its writer thread is stopped once the queue is written)."""
        super().close()
        if self.queue is _queue:
            stop()


_listener: logging.handlers.QueueListener | None = None
_queue: queue.Queue[logging.LogRecord] | None = None


def flush() -> None:
    """Wait until every line logged so far is written (the writer thread marks each one done)."""
    if _queue is not None:  # set and cleared with the writer thread
        _queue.join()


def stop() -> None:
    """Write what is left and stop the writer thread (at exit; a window's quit calls it itself)."""
    global _listener, _queue
    listener, _listener = _listener, None
    if listener is not None:
        listener.stop()  # the lines queued before are written first
        for handler in listener.handlers:
            handler.close()
    _queue = None


atexit.register(stop)


class ConsoleHandler(logging.StreamHandler[TextIO]):
    """Warnings on stderr (``--verbose``/console runs); setup() replaces it when called again."""

    _closeout = True


def setup(log_dir: Path, *, level: int = logging.INFO, console: bool = False) -> Path:
    """Log to ``log_dir/closeout.log`` (1 MB x 5 files). Returns the log file's path."""
    log_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = log_dir / LOG_NAME
    global _listener, _queue
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_closeout", False):
            root.removeHandler(handler)
            handler.close()
    stop()  # the previous writer, if any
    formatter = RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    file_handler = PrivateRotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    file_handler.setFormatter(formatter)
    _queue = queue.Queue()
    _listener = logging.handlers.QueueListener(_queue, file_handler)
    _listener.start()
    root.addHandler(_Handover(_queue))
    if console:
        stream = ConsoleHandler()
        stream.setFormatter(formatter)
        stream.setLevel(logging.WARNING)
        root.addHandler(stream)
    root.setLevel(level)
    # httpx/httpcore at DEBUG print headers; the formatter redacts them, but keep them quieter anyway.
    logging.getLogger("httpcore").setLevel(max(level, logging.INFO))
    # httpx writes an INFO line for every request; the engine already logs each attempt with its outcome,
    # so those lines only doubled the log's work on the close path (two or three per close).
    logging.getLogger("httpx").setLevel(max(level, logging.WARNING))
    while _pending:
        name, line_level, message = _pending.pop(0)
        logging.getLogger(name).log(line_level, message)
    return path
