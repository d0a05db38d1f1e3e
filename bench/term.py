"""A real terminal for the benchmark: a pty, a child on it, and a small screen emulator.

The child (the real command line, or a script of ours) runs on the slave side
of a pty; a reader thread reads the master side, timestamps every chunk with
`time.monotonic()` (one clock for every process on the machine) and feeds a
minimal emulator, as a camera would see the screen. A frame is complete when
the terminal's synchronized update ends (`ESC [ ? 2026 l`; this terminal tells
Textual it supports them, as kitty, WezTerm, iTerm2 and foot do), or at the end
of a chunk written outside one.

The emulator knows what Textual writes: cursor moves, text, erases, modes and
styles (ignored). It answers the queries Textual sends (synchronized output,
cursor position), so the app behaves as on a modern terminal.

A side channel (a pipe, fd in `$BENCH_INFO_FD`) carries JSON lines from our own
child scripts: where a widget sits, when a turn started, when the loop was
blocked. The real command line writes nothing there.
"""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import json
import os
import signal
import struct
import subprocess
import termios
import threading
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

SYNC_QUERY = "?2026$p"
SYNC_ANSWER = b"\x1b[?2026;2$y"  # "supported, currently reset" (DECRPM)

FrameWatcher = Callable[[float, "Screen"], None]


def _width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


class Screen:
    """The cells of a terminal, fed with what the app writes."""

    def __init__(self, cols: int, rows: int) -> None:
        self.cols, self.rows = cols, rows
        self.cells = [[" "] * cols for _ in range(rows)]
        self.x = self.y = 0
        self.in_sync = False
        self.sync_seen = False
        self._pending = ""
        self.answers: list[bytes] = []
        """Replies the terminal owes the app (taken by the reader)."""

    # -- reading ---------------------------------------------------------------

    def line(self, row: int) -> str:
        return "".join(self.cells[row]) if 0 <= row < self.rows else ""

    def text(self) -> str:
        return "\n".join(self.line(row) for row in range(self.rows))

    def region(self, x: int, y: int, width: int, height: int) -> list[str]:
        return [self.line(row)[x : x + width] for row in range(y, y + height)]

    # -- writing ---------------------------------------------------------------

    def feed(self, data: str) -> int:
        """Apply `data`; return how many synchronized updates ended in it."""
        data = self._pending + data
        self._pending = ""
        ends = 0
        i, n = 0, len(data)
        while i < n:
            char = data[i]
            if char == "\x1b":
                end = self._escape(data, i)
                if end < 0:  # incomplete: wait for the next chunk
                    self._pending = data[i:]
                    break
                if self._sync_ended:
                    ends += 1
                    self._sync_ended = False
                i = end
                continue
            if char < " " or char == "\x7f":
                self._control(char)
            else:
                self._put(char)
            i += 1
        return ends

    _sync_ended = False

    def _put(self, char: str) -> None:
        width = _width(char)
        if width == 0:
            return
        if self.x + width > self.cols:  # autowrap
            self.x = 0
            self._down()
        if 0 <= self.y < self.rows:
            self.cells[self.y][self.x] = char
            if width == 2 and self.x + 1 < self.cols:
                self.cells[self.y][self.x + 1] = ""
        self.x += width

    def _down(self) -> None:
        self.y += 1
        if self.y >= self.rows:
            self.cells.pop(0)
            self.cells.append([" "] * self.cols)
            self.y = self.rows - 1

    def _control(self, char: str) -> None:
        if char == "\r":
            self.x = 0
        elif char == "\n":
            self._down()
        elif char == "\b":
            self.x = max(0, self.x - 1)
        elif char == "\t":
            self.x = min(self.cols - 1, (self.x // 8 + 1) * 8)

    def _escape(self, data: str, i: int) -> int:
        """Handle the escape sequence at `i`; return the index after it (-1: incomplete)."""
        n = len(data)
        if i + 1 >= n:
            return -1
        kind = data[i + 1]
        if kind == "[":
            j = i + 2
            while j < n and not ("\x40" <= data[j] <= "\x7e"):
                j += 1
            if j >= n:
                return -1
            self._csi(data[i + 2 : j], data[j])
            return j + 1
        if kind in "]P_^X":  # OSC, DCS, APC...: up to BEL or ST
            j = i + 2
            while j < n:
                if data[j] == "\x07":
                    return j + 1
                if data[j] == "\x1b":
                    if j + 1 >= n:
                        return -1
                    if data[j + 1] == "\\":
                        return j + 2
                j += 1
            return -1
        if kind in "()*+#%":
            return i + 3 if i + 2 < n else -1
        if kind == "c":  # full reset
            self.cells = [[" "] * self.cols for _ in range(self.rows)]
            self.x = self.y = 0
        return i + 2

    def _csi(self, params: str, final: str) -> None:
        if final == "p" and params == SYNC_QUERY[:-1]:
            self.answers.append(SYNC_ANSWER)
            return
        if final in "hl" and params.startswith("?"):
            modes = params[1:].split(";")
            if "2026" in modes:
                if final == "h":
                    self.in_sync = self.sync_seen = True
                elif self.in_sync:
                    self.in_sync = False
                    self._sync_ended = True
            if "1049" in modes or "47" in modes:
                self.cells = [[" "] * self.cols for _ in range(self.rows)]
            return
        if final == "m" or (not final.isalpha() and final not in "@`"):
            return
        if params.startswith(("?", ">", "<", "=")) or any(c in params for c in " $!\"'"):
            return
        numbers = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []

        def arg(k: int, default: int) -> int:
            return numbers[k] if k < len(numbers) and numbers[k] else default

        if final in "Hf":
            self.y = min(self.rows - 1, arg(0, 1) - 1)
            self.x = min(self.cols - 1, arg(1, 1) - 1)
        elif final == "A":
            self.y = max(0, self.y - arg(0, 1))
        elif final in "Be":
            self.y = min(self.rows - 1, self.y + arg(0, 1))
        elif final in "Ca":
            self.x = min(self.cols - 1, self.x + arg(0, 1))
        elif final == "D":
            self.x = max(0, self.x - arg(0, 1))
        elif final == "E":
            self.y, self.x = min(self.rows - 1, self.y + arg(0, 1)), 0
        elif final == "F":
            self.y, self.x = max(0, self.y - arg(0, 1)), 0
        elif final in "G`":
            self.x = min(self.cols - 1, arg(0, 1) - 1)
        elif final == "d":
            self.y = min(self.rows - 1, arg(0, 1) - 1)
        elif final == "J":
            mode = arg(0, 0)
            if mode in (2, 3):
                self.cells = [[" "] * self.cols for _ in range(self.rows)]
            elif mode == 0:
                self.cells[self.y][self.x :] = [" "] * (self.cols - self.x)
                for below in range(self.y + 1, self.rows):
                    self.cells[below] = [" "] * self.cols
        elif final == "K":
            mode = arg(0, 0)
            row = self.cells[self.y]
            if mode == 0:
                row[self.x :] = [" "] * (self.cols - self.x)
            elif mode == 1:
                row[: self.x + 1] = [" "] * (self.x + 1)
            else:
                self.cells[self.y] = [" "] * self.cols
        elif final == "X":
            count = min(arg(0, 1), self.cols - self.x)
            self.cells[self.y][self.x : self.x + count] = [" "] * count
        elif final == "n" and arg(0, 0) == 6:
            self.answers.append(f"\x1b[{self.y + 1};{self.x + 1}R".encode())


class Term:
    """A child process on a pty of its own, its output read and (optionally) emulated.

    `watchers` are called in the reader thread after every complete frame,
    with the time the frame's last chunk was read and the screen (under
    `lock`). Every child is killed by `close` (its process group: it was
    started in a session of its own) and by the `timeout` watchdog.
    """

    def __init__(
        self,
        argv: Sequence[str],
        *,
        cols: int = 160,
        rows: int = 50,
        env: dict[str, str],
        cwd: Path,
        emulate: bool = True,
        timeout: float = 120.0,
    ) -> None:
        self.cols, self.rows = cols, rows
        self.screen = Screen(cols, rows)
        self.emulate = emulate
        self.lock = threading.Lock()
        self.watchers: list[FrameWatcher] = []
        self.info: list[tuple[float, dict[str, Any]]] = []
        self.frames = 0
        self.errors: list[str] = []
        self.bytes_read = 0
        self.first_output: float | None = None
        self.closed = threading.Event()
        self._changed = threading.Condition(self.lock)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        info_read, info_write = os.pipe()
        env = {**env, "BENCH_INFO_FD": str(info_write), "TERM": "xterm-256color"}
        env.pop("TEXTUAL", None)
        env.setdefault("COLORTERM", "truecolor")
        self.spawned = time.monotonic()
        self.proc = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=env,
            start_new_session=True,
            pass_fds=(info_write,),
            close_fds=True,
        )
        os.close(slave)
        os.close(info_write)
        self.master = master
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._info_reader = threading.Thread(target=self._read_info, args=(info_read,), daemon=True)
        self._reader.start()
        self._info_reader.start()
        self._deadline = threading.Timer(timeout, self.close)
        self._deadline.daemon = True
        self._deadline.start()

    @property
    def pid(self) -> int:
        return self.proc.pid

    # -- the reader threads ---------------------------------------------------

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 1 << 16)
            except OSError:
                break
            if not chunk:
                break
            now = time.monotonic()
            if self.first_output is None:
                self.first_output = now
            self.bytes_read += len(chunk)
            text = self._decoder.decode(chunk)
            with self.lock:
                if self.emulate:
                    ends = self.screen.feed(text)
                else:
                    ends = 0
                    if "\x1b[" + SYNC_QUERY in text:
                        self.screen.answers.append(SYNC_ANSWER)
                answers, self.screen.answers = self.screen.answers, []
                complete = self.emulate and (ends or not self.screen.in_sync)
                if complete:
                    self.frames += 1
                    for watch in list(self.watchers):
                        try:
                            watch(now, self.screen)
                        except Exception as exc:  # a broken watcher must not stop the reading
                            self.errors.append(repr(exc))
                            self.watchers.remove(watch)
                self._changed.notify_all()
            for answer in answers:
                with contextlib.suppress(OSError):
                    os.write(self.master, answer)
        with self.lock:
            self.closed.set()
            self._changed.notify_all()

    def _read_info(self, fd: int) -> None:
        with os.fdopen(fd, "r", encoding="utf-8") as lines:
            for line in lines:
                with contextlib.suppress(ValueError):
                    record = json.loads(line)
                    with self.lock:
                        self.info.append((time.monotonic(), record))
                        self._changed.notify_all()

    # -- driving ---------------------------------------------------------------

    def send(self, keys: bytes) -> float:
        """Type `keys`; return when they were written (monotonic)."""
        now = time.monotonic()
        os.write(self.master, keys)
        return now

    def wait_for(self, test: Callable[[], bool], timeout: float) -> bool:
        """Wait until `test()` (called under `lock`) is true, or the child is gone."""
        end = time.monotonic() + timeout
        with self.lock:
            while not test():
                left = end - time.monotonic()
                if left <= 0 or self.closed.is_set():
                    return test()
                self._changed.wait(min(left, 0.05))
            return True

    def wait_info(self, key: str, timeout: float) -> dict[str, Any] | None:
        """The first side-channel record that has `key`."""
        found: list[dict[str, Any]] = []

        def has() -> bool:
            found[:] = [record for _, record in self.info if key in record]
            return bool(found)

        return found[0] if self.wait_for(has, timeout) else None

    def cpu_seconds(self) -> float | None:
        """utime + stime of the child so far, from /proc (None once it is gone)."""
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks

    def status(self, field: str) -> int | None:
        """A kB field of /proc/<pid>/status (VmHWM, VmRSS)."""
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        except OSError:
            return None
        return None

    def close(self) -> None:
        """Kill the child and its process group at once (teardown is never timed)."""
        self._deadline.cancel()
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=5)
        # Let the reader drain what is left, then close the master side.
        self.closed.wait(1)
        with contextlib.suppress(OSError):
            os.close(self.master)

    def __enter__(self) -> Term:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def tail(self, rows: int = 6) -> str:
        """The last non-blank lines on screen (for a reason when a figure fails)."""
        with self.lock:
            lines = [line.rstrip() for line in self.screen.text().splitlines() if line.strip()]
        return " | ".join(lines[-rows:])[:300]
