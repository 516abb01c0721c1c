#!/usr/bin/env python3
"""End-to-end check of the foundation against the real `portvakt` binary.

Starts `portvakt serve` on free loopback ports (one node on SQLite, or two nodes sharing one PostgreSQL
database), fetches discovery and the JWKS and validates them with joserfc, rotates a key with the CLI against
the same database, and waits for every node's JWKS to change without a restart. Then the clients every node
holds in memory: a client registered with the CLI gets client_credentials tokens from every node at once, a token
revoked on one node is inactive on every node at once, and after `clients rotate-secret` and `clients remove` the
old secret and the removed client are refused by every node within the refresh interval (shortened to 1 s here).
Then stops the nodes with SIGTERM and expects a clean exit. Every wait is bounded.

usage: foundation.py PORTVAKT_BINARY DATABASE_URL NODES
"""
import base64
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

from common import CHECKS, IDENTITIES, check, free_port
from joserfc.jwk import KeySet



def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def post(url, form, client_id, secret):
    """A form POST with HTTP Basic client authentication; (status, JSON body or None)."""
    credentials = base64.b64encode(f"{urllib.parse.quote(client_id)}:{urllib.parse.quote(secret)}".encode()).decode()
    request = urllib.request.Request(url, data=urllib.parse.urlencode(form).encode(), method="POST", headers={
        "Authorization": f"Basic {credentials}", "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    try:
        return status, json.loads(body) if body else None
    except ValueError:
        return status, None


def wait_until(predicate, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.2)
    raise SystemExit(f"timed out after {seconds}s waiting for {what}")


def check_client_cache(binary, work, env, ports):
    """Clients are read from each node's memory, reloaded when the store's version changes (polled every
    PORTVAKT_KEY_REFRESH_INTERVAL seconds)."""
    interval = int(env["PORTVAKT_KEY_REFRESH_INTERVAL"])
    bound = 2 * interval + 8  # the refresh interval, with room for a loaded machine; the time taken is printed

    def cli(*arguments):
        return subprocess.run([binary, *arguments], cwd=work, env=env, capture_output=True, text=True, timeout=60)

    def token(port, secret):
        return post(f"http://127.0.0.1:{port}/token", {"grant_type": "client_credentials", "scope": "email"}, "e2e-robot", secret)

    added = cli("clients", "add", "--id", "e2e-robot", "--name", "E2E robot", "--grant", "client_credentials",
                "--scope", "email", "--json")
    check("`portvakt clients add --grant client_credentials` registers a machine client", added.returncode == 0, added.stderr)
    first = json.loads(added.stdout)["client_secret"]
    # One token from each node, and one more to revoke.
    answers = [token(port, first) for port in ports + ports[:1]]
    check("every node issues it a client_credentials token at once", all(status == 200 for status, _ in answers), answers)
    tokens = [body["access_token"] for _, body in answers]

    def introspect(port, access):
        return post(f"http://127.0.0.1:{port}/introspect", {"token": access}, "e2e-robot", first)[1].get("active")

    check("every node finds every node's token active", all(introspect(port, access) is True for port in ports for access in tokens))
    status, _ = post(f"http://127.0.0.1:{ports[0]}/revoke", {"token": tokens[-1]}, "e2e-robot", first)
    check("revoking a client_credentials token answers 200", status == 200, status)
    check("the revoked token is inactive on every node at once", all(introspect(port, tokens[-1]) is False for port in ports),
          [introspect(port, tokens[-1]) for port in ports])
    check("the other tokens stay active on every node", all(introspect(port, access) is True for port in ports for access in tokens[:-1]))

    rotated = cli("clients", "rotate-secret", "e2e-robot", "--json")
    check("`portvakt clients rotate-secret` succeeds", rotated.returncode == 0, rotated.stderr)
    second = json.loads(rotated.stdout)["client_secret"]
    started = time.monotonic()
    for port in ports:
        # The old secret first: it matches what the node holds, so only the node's own refresh can refuse it.
        wait_until(lambda port=port: token(port, first)[0] == 401, bound, f"node {port} to refuse the old secret")
    check(f"every node refuses the old secret within the refresh interval ({time.monotonic() - started:.1f}s)", True)
    answers = [token(port, second) for port in ports]
    check("every node accepts the new secret", all(status == 200 for status, _ in answers), answers)

    removed = cli("clients", "remove", "e2e-robot")
    check("`portvakt clients remove` succeeds", removed.returncode == 0, removed.stderr)
    started = time.monotonic()
    for port in ports:
        wait_until(lambda port=port: token(port, second)[0] == 401, bound, f"node {port} to refuse the removed client")
    answers = [token(port, second) for port in ports]
    check(f"every node refuses the removed client within the refresh interval ({time.monotonic() - started:.1f}s)",
          all(status == 401 and body.get("error") == "invalid_client" for status, body in answers), answers)


def main():
    binary, database_url, nodes = os.path.abspath(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    work = tempfile.mkdtemp(prefix="portvakt-e2e-")
    ports = [free_port() for _ in range(nodes)]
    issuer = f"http://127.0.0.1:{ports[0]}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTVAKT_")}
    env.update({
        "PORTVAKT_ISSUER": issuer,
        "PORTVAKT_DATABASE_URL": database_url,
        "PORTVAKT_KEK_FILE": os.path.join(work, "kek"), "PORTVAKT_BANKID_IDENTITIES_FILE": IDENTITIES,
        "PORTVAKT_KEY_REFRESH_INTERVAL": "1",
    })
    processes = []
    print(f"e2e foundation: {nodes} node(s) on {database_url.split('@')[-1]}", flush=True)
    try:
        for port in ports:
            node_env = dict(env, PORTVAKT_LISTEN=f"127.0.0.1:{port}")
            log = open(os.path.join(work, f"node-{port}.log"), "wb")
            processes.append(subprocess.Popen([binary, "serve"], cwd=work, env=node_env, stdout=log, stderr=subprocess.STDOUT))
        # All nodes start at once on an empty store: they must agree on one KEK file and one key per algorithm.
        for port in ports:
            wait_until(lambda port=port: get(f"http://127.0.0.1:{port}/readyz")[0] == 200, 60, f"node on {port} to be ready")
        check("every node is ready", True)
        jwks_per_node = [get(f"http://127.0.0.1:{port}/.well-known/jwks.json")[2] for port in ports]
        check("every node publishes the same keys", len(set(jwks_per_node)) == 1, jwks_per_node)

        status, headers, body = get(f"{issuer}/.well-known/openid-configuration")
        discovery = json.loads(body)
        check("discovery answers 200 JSON", status == 200 and headers.get("Content-Type") == "application/json", status)
        check("discovery issuer is the configured issuer", discovery.get("issuer") == issuer, discovery)
        check("jwks_uri lies under the issuer", discovery.get("jwks_uri") == issuer + "/.well-known/jwks.json", discovery)
        endpoints = {k: v for k, v in discovery.items() if k.endswith("_endpoint")}
        missing = [k for k, v in endpoints.items() if get(v)[0] == 404]
        check(f"every advertised endpoint exists ({len(endpoints)})", len(endpoints) >= 6 and not missing, missing)

        status, headers, body = get(discovery["jwks_uri"])
        jwks = json.loads(body)
        key_set = KeySet.import_key_set(jwks)
        check("joserfc imports the JWKS", len(key_set.keys) == 3, jwks)
        check("one key per configured algorithm", sorted(k["alg"] for k in jwks["keys"]) == ["ES256", "EdDSA", "RS256"], jwks)
        check("every key has kid and use=sig", all(k.get("kid") and k.get("use") == "sig" for k in jwks["keys"]), jwks)
        private = {"d", "p", "q", "dp", "dq", "qi", "k"}
        check("no private key material", all(not (private & set(k)) for k in jwks["keys"]) and
              all(not key.is_private for key in key_set.keys), jwks)
        check("JWKS Cache-Control carries the cache lifetime", headers.get("Cache-Control") == "public, max-age=3600", headers)
        check("security headers", headers.get("X-Content-Type-Options") == "nosniff" and headers.get("X-Frame-Options") == "DENY", headers)

        status, headers, body = get(f"{issuer}/no/such/route")
        check("unknown routes give 404 JSON", status == 404 and json.loads(body).get("error") == "not_found", (status, body))

        before = {k["kid"] for k in jwks["keys"]}
        rotate = subprocess.run([binary, "keys", "rotate", "--alg", "ES256"], cwd=work, env=env, capture_output=True, text=True, timeout=60)
        check("`portvakt keys rotate --alg ES256` succeeds", rotate.returncode == 0, rotate.stderr)
        print("       " + rotate.stdout.strip().replace("\n", "\n       "))
        listed = subprocess.run([binary, "keys", "list", "--json"], cwd=work, env=env, capture_output=True, text=True, timeout=60)
        keys = json.loads(listed.stdout)
        new = [k["kid"] for k in keys if k["state"] == "next"]
        check("the new key is pre-published as next", len(new) == 1 and new[0].startswith("es256-"), keys)

        for port in ports:
            def changed(port=port):
                kids = {k["kid"] for k in json.loads(get(f"http://127.0.0.1:{port}/.well-known/jwks.json")[2])["keys"]}
                return kids == before | {new[0]}
            started = time.monotonic()
            wait_until(changed, 15, f"node {port} to publish {new[0]}")
            check(f"node {port} publishes the new key without a restart ({time.monotonic() - started:.1f}s)", True)

        check_client_cache(binary, work, env, ports)

        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            code = process.wait(timeout=20)
            check(f"SIGTERM stops node {process.pid} cleanly", code == 0, code)
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
        if any(not ok for _, ok in CHECKS) or sys.exc_info()[0] is not None:
            for name in sorted(os.listdir(work)):
                if name.endswith(".log"):
                    print(f"--- {name}\n" + open(os.path.join(work, name), errors="replace").read()[-4000:])
    print(f"e2e foundation: all {len(CHECKS)} checks passed", flush=True)


if __name__ == "__main__":
    main()
