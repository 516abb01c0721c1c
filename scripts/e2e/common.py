"""Helpers shared by the end-to-end checks."""
import contextlib
import email
import email.policy
import html
import os
import re
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


def hidden_fields(page, action):
    """The hidden inputs of the page's form that posts to `action`."""
    match = re.search(r'<form method="post" action="' + re.escape(action) + r'">(.*?)</form>', page, re.S)
    if not match:
        raise SystemExit(f"no form posting to {action} in:\n{page[:2000]}")
    return {name: html.unescape(value) for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', match.group(1))}


def code_in(message):
    """The six-digit code in a mail's text part."""
    text = message.get_body(("plain",)).get_content()
    found = re.search(r"\b(\d{6})\b", text)
    if not found:
        raise SystemExit(f"no code in the mail:\n{text}")
    return found.group(1)


def local_mail(directory, address, count, seconds):
    """Mail number `count` to `address` in the local mailbox folder (`mail.mailbox_dir`, where a server without a
    mail server writes every mail as an `.eml` file), parsed; waits up to `seconds` for it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        names = sorted(name for name in os.listdir(directory) if name.endswith(".eml")) if os.path.isdir(directory) else []
        found = []
        for name in names:
            with open(os.path.join(directory, name), "rb") as f:
                message = email.message_from_bytes(f.read(), policy=email.policy.default)
            if address in str(message["To"]):
                found.append(message)
        if len(found) >= count:
            return found[count - 1]
        time.sleep(0.2)
    raise SystemExit(f"no mail number {count} to {address} in {directory} within {seconds} s")


def sign_up_with_password(browser, issuer, address, given, family, password, read_mail):
    """Signs up through the password pages as a browser does: the address on /signup, the mailed code, then the
    password, the name and the privacy policy on /signup/details. `read_mail()` waits for the mail with the code.
    Checks that the new account is logged in on the account page."""
    page = browser.get(issuer + "/signup", timeout=10)
    code_page = browser.post(issuer + "/signup", data={**hidden_fields(page.text, "/signup"), "email": address}, timeout=10)
    details = browser.post(issuer + "/signup/code", data={**hidden_fields(code_page.text, "/signup/code"), "code": code_in(read_mail())},
                           timeout=10)
    created = browser.post(issuer + "/signup/details", data={**hidden_fields(details.text, "/signup/details"), "password": password,
                                                             "given_name": given, "family_name": family, "privacy": "yes"},
                           allow_redirects=False, timeout=10)
    check(f"{given} signs up and lands on the account page", created.status_code == 303 and created.headers.get("Location") == "/account",
          created.text[:500])
