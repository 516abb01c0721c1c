"""Helpers shared by the end-to-end checks."""
import contextlib
import os
import signal
import socket
import subprocess
import time

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


@contextlib.contextmanager
def serving(binary, env, work, issuer):
    """`portvakt serve` in the folder `work`, ready within 60 s (its /readyz answers 200). If the body fails, the
    server's log is printed; whatever happens, a server still running at the end is killed."""
    import requests

    log_path = os.path.join(work, "server.log")
    with open(log_path, "wb") as log:
        server = subprocess.Popen([binary, "serve"], cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{issuer}/readyz", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.2)
        else:
            raise SystemExit("the server did not become ready within 60 s")
        yield server
    except BaseException:
        print("--- server.log\n" + open(log_path, errors="replace").read()[-4000:])
        raise
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def stop_cleanly(server):
    """SIGTERM, and a clean exit within 20 s."""
    server.send_signal(signal.SIGTERM)
    check("SIGTERM stops the server cleanly", server.wait(timeout=20) == 0)
