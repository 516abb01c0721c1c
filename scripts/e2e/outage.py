#!/usr/bin/env python3
"""End-to-end: the database goes away under load, and comes back.

One node on PostgreSQL (the throwaway cluster of scripts/with-postgres) serves a bounded load of token,
introspection and browser authorization requests. The cluster is stopped at once (`pg_ctl -m immediate`) while the
load runs: every answer is then either a success or a 503 with `Retry-After` (OAuth's `temporarily_unavailable` as
JSON for machines, a page in the browser's language for browsers), within a few seconds, never a 500 or a dropped
connection. The cluster is started again: the node is ready again on its own and everything works.

Usage: outage.py BINARY DATABASE_URL   (run inside scripts/with-postgres, which says how to stop and start it)
"""
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

import requests

from common import CHECKS, IDENTITIES, check, free_port, serving

WORKERS = 8
# Anonymous /authorize requests are limited per client address (300 an hour, Limits.swift) and this test is one
# address: each worker sends at most one a second (8 workers, 13 s of load: about 100).
AUTHORIZE_INTERVAL = 1.0
# No answer may take longer than the store's connection timeout (5 s) and a margin.
SLOWEST = 8.0


def pg_ctl(*args):
    command = ["runuser", "-u", "postgres", "--", os.environ["PORTVAKT_TEST_POSTGRES_PG_CTL"],
               "-D", os.environ["PORTVAKT_TEST_POSTGRES_DATA"], *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def load(issuer, client, token, seconds):
    """Runs the mix of requests on WORKERS threads for `seconds`; returns (kind, status, seconds, headers, body)."""
    answers, lock, stop = [], threading.Lock(), time.monotonic() + seconds

    def worker(number):
        session = requests.Session()
        kinds = ["token", "introspect", "authorize"]
        i, last_authorize = number, 0.0
        while time.monotonic() < stop:
            kind = kinds[i % len(kinds)]
            i += 1
            if kind == "authorize":
                if time.monotonic() - last_authorize < AUTHORIZE_INTERVAL:
                    kind = "token"
                else:
                    last_authorize = time.monotonic()
            started = time.monotonic()
            try:
                if kind == "token":
                    r = session.post(f"{issuer}/token", data={"grant_type": "client_credentials"}, auth=client, timeout=15)
                elif kind == "introspect":
                    r = session.post(f"{issuer}/introspect", data={"token": token}, auth=client, timeout=15)
                else:
                    r = session.get(f"{issuer}/authorize", params={
                        "client_id": "outage-web", "redirect_uri": "http://127.0.0.1:9/cb", "response_type": "code",
                        "scope": "openid", "state": f"s{i}", "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                        "code_challenge_method": "S256"},
                        headers={"Accept": "text/html", "Accept-Language": "sv"}, allow_redirects=False, timeout=15)
                answer = (kind, r.status_code, time.monotonic() - started, dict(r.headers), r.text)
            except requests.RequestException as error:
                answer = (kind, f"no answer: {error.__class__.__name__}", time.monotonic() - started, {}, "")
            with lock:
                answers.append(answer)

    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(worker, range(WORKERS)))
    return answers


def succeeded(answer):
    return isinstance(answer[1], int) and answer[1] < 400


def main():
    binary, database_url = os.path.abspath(sys.argv[1]), sys.argv[2]
    work = tempfile.mkdtemp(prefix="portvakt-outage-e2e-")
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTVAKT_")}
    env.update({"PORTVAKT_ISSUER": issuer, "PORTVAKT_LISTEN": f"127.0.0.1:{port}", "PORTVAKT_DATABASE_URL": database_url,
                "PORTVAKT_KEK_FILE": os.path.join(work, "kek"), "PORTVAKT_BANKID_IDENTITIES_FILE": IDENTITIES,
                "PORTVAKT_MAILBOX_DIR": os.path.join(work, "mailbox"), "PORTVAKT_LOG_LEVEL": os.environ.get("OUTAGE_LOG_LEVEL", "warning")})
    print(f"e2e outage: the server log is in {work}", flush=True)
    print(f"e2e outage: PostgreSQL stopped and started under load, {issuer}", flush=True)
    with serving(binary, env, work, issuer) as server:
        added = subprocess.run([binary, "clients", "add", "--id", "outage-svc", "--name", "Service", "--grant", "client_credentials",
                                "--scope", "email", "--json"], cwd=work, env=env, capture_output=True, text=True, timeout=60)
        check("a client_credentials client is registered", added.returncode == 0, added.stderr)
        secret = json.loads(added.stdout)["client_secret"]
        web = subprocess.run([binary, "clients", "add", "--id", "outage-web", "--name", "Webb", "--redirect-uri", "http://127.0.0.1:9/cb",
                              "--json"], cwd=work, env=env, capture_output=True, text=True, timeout=60)
        check("a web client is registered", web.returncode == 0, web.stderr)
        client = ("outage-svc", secret)
        token = requests.post(f"{issuer}/token", data={"grant_type": "client_credentials"}, auth=client, timeout=10).json()["access_token"]

        before = load(issuer, client, token, 2)
        check(f"before the outage every request succeeds ({len(before)})", before and all(succeeded(a) for a in before),
              [a[:3] for a in before if not succeeded(a)][:5])

        during = []
        loader = threading.Thread(target=lambda: during.extend(load(issuer, client, token, 9)))
        loader.start()
        time.sleep(1)
        stopped = pg_ctl("-m", "immediate", "-w", "stop")
        check("PostgreSQL is stopped at once under load", stopped.returncode == 0, stopped.stderr)
        loader.join(timeout=60)
        check("the load ended within its bound", not loader.is_alive())

        failures = [a for a in during if not succeeded(a)]
        unexpected = [a[:3] for a in failures if a[1] != 503]
        check(f"during the outage every answer is a success or a 503 ({len(during)} answers, {len(failures)} 503s)",
              failures and not unexpected, unexpected[:5])
        check("every 503 carries Retry-After", all(a[3].get("Retry-After") == "5" for a in failures),
              [a[3] for a in failures if a[3].get("Retry-After") != "5"][:2])
        machine = [a for a in failures if a[0] in ("token", "introspect")]
        check("machines get OAuth's temporarily_unavailable as JSON", machine and all(
            a[3].get("Content-Type") == "application/json" and json.loads(a[4]).get("error") == "temporarily_unavailable" for a in machine),
              [a[4][:200] for a in machine][:2])
        pages = [a for a in failures if a[0] == "authorize"]
        check("browsers get a page in their language that offers to try again", pages and all(
            a[3].get("Content-Type", "").startswith("text/html") and "Tjänsten är tillfälligt otillgänglig" in a[4]
            and "Försök igen" in a[4] for a in pages), [a[4][:300] for a in pages][:1])
        slowest = max(a[2] for a in during)
        check(f"no answer waits longer than {SLOWEST:.0f} s (slowest {slowest:.1f} s)", slowest < SLOWEST)
        check("the server kept running", server.poll() is None)
        status = requests.get(f"{issuer}/readyz", timeout=15).status_code
        check("/readyz says 503 while the database is down", status == 503, status)

        started = pg_ctl("-l", os.path.join(os.path.dirname(os.environ["PORTVAKT_TEST_POSTGRES_DATA"]), "restarted.log"), "-o", os.environ["PORTVAKT_TEST_POSTGRES_OPTIONS"], "-w", "-t", "30", "start")
        check("PostgreSQL is started again", started.returncode == 0, started.stderr)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and requests.get(f"{issuer}/readyz", timeout=15).status_code != 200:
            time.sleep(0.5)
        check("the node is ready again on its own", requests.get(f"{issuer}/readyz", timeout=15).status_code == 200)
        after = load(issuer, client, token, 2)
        check(f"after the outage every request succeeds again ({len(after)})", after and all(succeeded(a) for a in after),
              [a[:3] for a in after if not succeeded(a)][:5])
        introspected = requests.post(f"{issuer}/introspect", data={"token": token}, auth=client, timeout=10).json()
        check("the token issued before the outage is still active (nothing stored was lost)", introspected.get("active") is True, introspected)
    print(f"e2e outage: all {len(CHECKS)} checks passed", flush=True)


if __name__ == "__main__":
    main()
