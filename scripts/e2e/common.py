"""Helpers shared by the end-to-end checks."""
import os
import socket

# The simulator's test identities, for servers started in a scratch folder (the default path is relative).
IDENTITIES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "conf", "bankid-test-identities.json")

CHECKS = []


def check(name, condition, detail=""):
    """Records a named check; the first failing one ends the run with its detail."""
    CHECKS.append((name, bool(condition)))
    print(("  ok   " if condition else "  FAIL ") + name + ("" if condition else f": {detail}"), flush=True)
    if not condition:
        raise SystemExit(1)


def free_port():
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
