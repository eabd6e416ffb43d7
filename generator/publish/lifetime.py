"""Processes of a build die with the process that started them.

A build's job processes, their warm MkDocs workers and the workers' children would otherwise
outlive a build killed with ``kill -9`` (nothing tells them it is gone) and keep running, each
holding memory. On Linux the kernel can send a signal to a process when its parent ends
(``prctl(PR_SET_PDEATHSIG)``); elsewhere this does nothing, and a warm worker still ends when
its pipe closes.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Be killed when the process ``parent`` (this process's parent) ends; call it first
    thing in the child. If the parent already ended, end now."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it ended before the request was made
        os._exit(1)
