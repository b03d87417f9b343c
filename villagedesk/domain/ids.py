"""UUIDv7 identifiers (RFC 9562): time-ordered, unique across every PC of every village."""

from __future__ import annotations

import os
import random
import threading
import time

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def new_id(ms: int | None = None, rng: random.Random | None = None) -> str:
    """A UUIDv7 string; `ms` and `rng` make it reproducible (demo data, tests).

    Within one millisecond a 12-bit counter in rand_a keeps ids increasing.
    """
    global _last_ms, _counter
    with _lock:
        now = int(time.time() * 1000) if ms is None else ms
        if now == _last_ms:
            _counter = (_counter + 1) & 0xFFF
        else:
            _last_ms, _counter = now, (rng.getrandbits(8) if rng else int.from_bytes(os.urandom(1), "big"))
        rand_a = _counter
    rand_b = rng.getrandbits(62) if rng else int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (now & ((1 << 48) - 1)) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
