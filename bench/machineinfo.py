"""The machine a benchmark ran on, for its report: cores, processor and Python.

Why one function: two 2-core machines that both call themselves "AMD EPYC"
ran the same code 2.5 times apart in CPU time, so every report that quotes
a speed names the processor's family, model and clock as well.
"""

from __future__ import annotations

import os
import platform


def machine(cpuinfo: str = "/proc/cpuinfo") -> str:
    """Cores, processor (model name, family/model and clock) and Python version: rows measured on different
    machines differ by this much (the same code ran at 33.9 and 13.7 CPU ms per article on two 2-core
    machines both named "AMD EPYC"), so the name alone does not tell them apart."""
    model = platform.processor() or platform.machine()
    info: dict[str, str] = {}
    try:
        with open(cpuinfo, encoding="utf-8") as fh:
            for line in fh:
                key, _, value = line.partition(":")
                if not key.strip():
                    break  # the first processor's block is enough
                info.setdefault(key.strip(), value.strip())
    except OSError:
        pass
    model = info.get("model name", model)
    detail = ", ".join(f"{label} {info[key]}" for key, label in (("cpu family", "family"), ("model", "model"))
                       if key in info)
    if "cpu MHz" in info:
        detail += f"{', ' if detail else ''}{float(info['cpu MHz']):.0f} MHz"
    return f"{os.cpu_count()} cores, {model}{f' ({detail})' if detail else ''}, Python {platform.python_version()}"
