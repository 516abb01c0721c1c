"""Helpers shared by the end-to-end checks."""
import base64
import contextlib
import email
import email.policy
import html
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import time
import urllib.parse

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


def ask(session, base, page, action, fields, timeout=10):
    """Submits the page's GET form for `action` (a form that only asks for a page) with `fields`, as a browser does."""
    match = re.search(r'<form method="get" action="' + re.escape(action) + r'">(.*?)</form>', page, re.S)
    if not match:
        raise SystemExit(f"no form asking for {action} in:\n{page[:2000]}")
    hidden = {name: html.unescape(value) for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', match.group(1))}
    return session.get(base + action, params={**hidden, **fields}, timeout=timeout)


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


def sign_up_with_password(browser, issuer, address, given, family, password, read_mail, start="/signup", lands="/account"):
    """Signs up through the password pages as a browser does: the address on the sign-up page `start` (a path with
    the flow's `?request=` or `?return=`, or plain /signup), the mailed code, then the password, the name and the
    privacy policy on /signup/details. `read_mail()` waits for the mail with the code; None when the address needs
    no code (a sign-up from an invitation to that very address). Checks that the new account is logged in and sent
    on to `lands` (the account page unless the flow names another; None: wherever the flow goes on), and returns
    that answer."""
    page = browser.get(urllib.parse.urljoin(issuer, start), timeout=10)
    details = browser.post(issuer + "/signup", data={**hidden_fields(page.text, "/signup"), "email": address}, timeout=10)
    if read_mail is not None:
        details = browser.post(issuer + "/signup/code", data={**hidden_fields(details.text, "/signup/code"), "code": code_in(read_mail())},
                               timeout=10)
    created = browser.post(issuer + "/signup/details", data={**hidden_fields(details.text, "/signup/details"), "password": password,
                                                             "given_name": given, "family_name": family, "privacy": "yes"},
                           allow_redirects=False, timeout=10)
    where = "the account page" if lands == "/account" else "where the flow goes on" if lands is None else lands.split("?")[0]
    check(f"{given} signs up and lands on {where}", created.status_code == 303 and (lands is None or created.headers.get("Location") == lands),
          (created.status_code, created.headers.get("Location"), created.text[:500]))
    return created


class LocalMailbox:
    """The server's local mailbox folder, read mail by mail: `next(address)` waits for the next mail to that
    address after those already read."""

    def __init__(self, directory):
        self.directory = directory
        self.read = {}

    def next(self, address, seconds=30):
        count = self.read.get(address, 0) + 1
        message = local_mail(self.directory, address, count, seconds)
        self.read[address] = count
        return message


def claims_of(token):
    """The payload of a JWT, unverified (for tokens whose signature another check has verified, or need not)."""
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def verified_id_token(token, key_set, issuer, client_id, nonce):
    """The claims of the ID token in an authlib token response, validated as a relying party does with authlib:
    signature against the JWKS, iss, aud, exp, nonce, azp and at_hash."""
    from authlib.jose import jwt
    from authlib.oidc.core import CodeIDToken

    claims = jwt.decode(token["id_token"], key_set, claims_cls=CodeIDToken, claims_options={"iss": {"essential": True, "value": issuer}},
                        claims_params={"nonce": nonce, "client_id": client_id, "access_token": token["access_token"]})
    claims.validate(leeway=5)
    return claims


def follow(browser, issuer, answer, stop=None, limit=10):
    """Follows the server's redirects (each fetched without following) until a page, or a redirect to an address
    starting with `stop` (the relying party), which is returned unfollowed."""
    for _ in range(limit):
        location = answer.headers.get("Location")
        if answer.status_code not in (301, 302, 303, 307) or not location or (stop and location.startswith(stop)):
            return answer
        answer = browser.get(urllib.parse.urljoin(issuer, location), allow_redirects=False, timeout=10)
    raise SystemExit(f"more than {limit} redirects")


def log_in_with_password(browser, issuer, login_page, address, password, read_mail):
    """Logs in from `login_page` (a login page answer, with its request or return target in its links) with e-mail,
    password and the mailed code, as a browser does: returns the answer to the code (a redirect onwards) and the
    code mail, for checks of its language."""
    href = re.search(r'href="(/login/password\?[^"]*)"', login_page.text)
    if not href:
        raise SystemExit(f"no password login on the login page:\n{login_page.text[:2000]}")
    page = browser.get(issuer + html.unescape(href.group(1)), timeout=10)
    code_page = browser.post(issuer + "/login/password", data={**hidden_fields(page.text, "/login/password"), "email": address,
                                                               "password": password}, timeout=10)
    mail = read_mail()
    done = browser.post(issuer + "/login/password/code", data={**hidden_fields(code_page.text, "/login/password/code"), "code": code_in(mail)},
                        allow_redirects=False, timeout=10)
    return done, page, mail


def bankid_on_this_device(browser, phone, issuer, order_url, personal_number, seconds=30):
    """The phone's side of a same-device BankID order through the simulator's device API: the app opened with the
    autostart token of the order page, the test identity identifies, and the page's status is polled until the
    order is done. Returns the page the status sends the browser on to."""
    order_page = browser.get(urllib.parse.urljoin(issuer, order_url), allow_redirects=False, timeout=10)
    autostart = re.search(r'href="(/bankid-simulator/app\?autostarttoken=[^"]+)"', order_page.text)
    if not autostart:
        raise SystemExit(f"no autostart link on the order page:\n{order_page.text[:2000]}")
    token = urllib.parse.parse_qs(urllib.parse.urlparse(html.unescape(autostart.group(1))).query)["autostarttoken"][0]
    app = f"{issuer}/bankid-simulator/app"
    opened = phone.post(f"{app}/open", json={"autoStartToken": token}, timeout=10)
    phone.post(f"{app}/sessions/{opened.json()['session']}/identify", json={"personalNumber": personal_number, "personalCode": "123456"},
               timeout=10)
    order_id = urllib.parse.parse_qs(urllib.parse.urlparse(order_url).query)["id"][0]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = browser.get(f"{issuer}/login/bankid/status?id={order_id}", timeout=10).json()
        if status.get("next"):
            return status["next"]
        if status.get("state") != "pending":
            raise SystemExit(f"the order ended: {status}")
        time.sleep(0.5)
    raise SystemExit(f"the order did not complete within {seconds} s")


def org_number(nine):
    """A valid Swedish organisation number, written NNNNNN-NNNN: `nine` digits and their Luhn check digit."""
    total = 0
    for index, digit in enumerate(nine):
        product = int(digit) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    ten = nine + str((10 - total % 10) % 10)
    return f"{ten[:6]}-{ten[6:]}"


def register_portal(cli, issuer, redirect_uri, scope):
    """Registers the business portal, a first-party client allowed `scope`, with `portvakt clients add` (`cli` runs
    the command), and returns its registration for `Portal`: the issuer, its discovery metadata and JWKS, the client's
    id and secret, and the redirect URI."""
    import requests
    from authlib.jose import JsonWebKey

    added = cli("clients", "add", "--id", "e2e-portal", "--name", "Mina sidor för verksamheter", "--redirect-uri", redirect_uri,
                "--first-party", *[argument for word in scope.split() for argument in ("--scope", word)], "--json")
    check("the business portal is registered with `portvakt clients add`", added.returncode == 0, added.stderr)
    credentials = json.loads(added.stdout)
    metadata = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=5).json()
    return {"issuer": issuer, "metadata": metadata, "key_set": JsonWebKey.import_key_set(requests.get(metadata["jwks_uri"], timeout=5).json()),
            "client_id": credentials["client_id"], "client_secret": credentials["client_secret"], "redirect_uri": redirect_uri}


class Portal:
    """One authorization of a portal (a relying party registered with `portvakt clients add`), as authlib starts it:
    PKCE, nonce and state. `rp` is the portal's registration: its issuer, discovery metadata, JWKS, client id and
    secret, and redirect URI."""

    def __init__(self, rp, session, scope, **extra):
        from authlib.integrations.requests_client import OAuth2Session

        self.portal = rp
        self.rp = OAuth2Session(rp["client_id"], rp["client_secret"], scope=scope, redirect_uri=rp["redirect_uri"], code_challenge_method="S256",
                                token_endpoint_auth_method="client_secret_basic")
        self.verifier, self.nonce = secrets.token_urlsafe(48), secrets.token_urlsafe(16)
        url, self.state = self.rp.create_authorization_url(rp["metadata"]["authorization_endpoint"], nonce=self.nonce,
                                                           code_verifier=self.verifier, **extra)
        self.answer = session.get(url, allow_redirects=False, timeout=10)
        self.request_id = urllib.parse.parse_qs(urllib.parse.urlparse(self.answer.headers.get("Location", "")).query).get("request", [""])[0]

    def arrive(self, session, answer, who):
        """Follows the flow back to the portal, where authlib redeems the code and validates the ID token."""
        rp = self.portal
        location = follow(session, rp["issuer"], answer, stop=rp["redirect_uri"]).headers.get("Location", "")
        check(f"{who} arrives at the portal with a code and the state", location.startswith(rp["redirect_uri"]) and "code=" in location
              and urllib.parse.parse_qs(urllib.parse.urlparse(location).query).get("state") == [self.state], location)
        token = self.rp.fetch_token(rp["metadata"]["token_endpoint"], authorization_response=location, code_verifier=self.verifier)
        return token, verified_id_token(token, rp["key_set"], rp["issuer"], rp["client_id"], self.nonce)
