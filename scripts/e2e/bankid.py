#!/usr/bin/env python3
"""End-to-end check of BankID login and sign-up against the real binary, with its embedded simulator.

Starts a real SMTP server (aiosmtpd) and `portvakt serve` on the embedded default's BankID simulator, registers
a relying party allowed the `ssn` scope, and drives everything over HTTP: the browser's pages, and the phone's
side through the simulator's device API. The QR code is read the way a phone would, from the SVG image the page
shows, with an independent QR decoder (zxing-cpp).

  sign-up with BankID on another device (QR), the e-mail code read from the SMTP server, and an ID token at an
    authlib relying party with acr urn:grn:authn:se:bankid:another-device:qr and the ssn claim;
  a second login on the same device (autostart, chosen by acr_values) without sign-up;
  a personnummer-restricted order that another test identity cannot complete.

Every wait is bounded.

usage: bankid.py PORTVAKT_BINARY DATABASE_URL IDENTITIES_FILE
"""
import html
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.parse
import warnings

import numpy
import requests
import zxingcpp
from aiosmtpd.controller import Controller
from authlib.integrations.requests_client import OAuth2Session
from common import CHECKS, check, free_port, serving, stop_cleanly
from password import Mailbox, code_in, hidden_fields

warnings.filterwarnings("ignore", category=DeprecationWarning)
from authlib.jose import JsonWebKey, jwt  # noqa: E402
from authlib.oidc.core import CodeIDToken  # noqa: E402

ANNA, OLLE = "199001012385", "201701012393"


def forms(page, action):
    """Every form posting to `action`, as (hidden fields, names of the visible inputs)."""
    found = []
    for body in re.findall(r'<form method="post" action="' + re.escape(action) + r'">(.*?)</form>', page, re.S):
        hidden = {n: html.unescape(v) for n, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', body)}
        visible = re.findall(r'<input type="(?:text|email|password|checkbox)"[^>]* name="([^"]+)"', body)
        found.append((hidden, visible))
    return found


def read_qr(svg):
    """Decodes the SVG QR code the page shows: its modules drawn into an image, read by zxing-cpp."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    scale = 6
    image = numpy.full((size * scale, size * scale), 255, dtype=numpy.uint8)
    for x, y in re.findall(r"M(\d+) (\d+)h1v1h-1z", svg):
        x, y = int(x), int(y)
        image[y * scale:(y + 1) * scale, x * scale:(x + 1) * scale] = 0
    results = zxingcpp.read_barcodes(image)
    if not results:
        raise SystemExit("the QR code could not be read")
    return results[0].text


def main():
    binary, database_url, identities = os.path.abspath(sys.argv[1]), sys.argv[2], os.path.abspath(sys.argv[3])
    work = tempfile.mkdtemp(prefix="portvakt-bankid-e2e-")
    port, rp_port, smtp_port = free_port(), free_port(), free_port()
    issuer = f"http://127.0.0.1:{port}"
    redirect_uri, bye_uri = f"http://127.0.0.1:{rp_port}/callback", f"http://127.0.0.1:{rp_port}/bye"
    mailbox = Mailbox()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTVAKT_")}
    env.update({"PORTVAKT_ISSUER": issuer, "PORTVAKT_LISTEN": f"127.0.0.1:{port}", "PORTVAKT_DATABASE_URL": database_url,
                "PORTVAKT_KEK_FILE": os.path.join(work, "kek"), "PORTVAKT_SMTP_URL": f"smtp://127.0.0.1:{smtp_port}",
                "PORTVAKT_BANKID_URL": "simulator", "PORTVAKT_BANKID_IDENTITIES_FILE": identities})
    print(f"e2e bankid: {issuer} with the embedded BankID simulator", flush=True)
    try:
        with serving(binary, env, work, issuer) as server:

            added = subprocess.run(
                [binary, "clients", "add", "--id", "e2e-rp", "--name", "E2E relying party", "--redirect-uri", redirect_uri,
                 "--post-logout-redirect-uri", bye_uri, "--first-party", "--scope", "openid", "--scope", "profile", "--scope", "email",
                 "--scope", "ssn", "--json"],
                cwd=work, env=env, capture_output=True, text=True, timeout=60)
            check("a client allowed the ssn scope is registered", added.returncode == 0, added.stderr)
            credentials = json.loads(added.stdout)
            client_id, client_secret = credentials["client_id"], credentials["client_secret"]
            metadata = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=5).json()
            check("discovery lists the BankID acr values and the ssn scope",
                  {"urn:grn:authn:se:bankid", "urn:grn:authn:se:bankid:same-device", "urn:grn:authn:se:bankid:another-device:qr"}
                  <= set(metadata.get("acr_values_supported", [])) and "ssn" in metadata.get("scopes_supported", []), metadata)
            key_set = JsonWebKey.import_key_set(requests.get(metadata["jwks_uri"], timeout=5).json())
            rp = OAuth2Session(client_id, client_secret, scope="openid profile email ssn", redirect_uri=redirect_uri,
                               code_challenge_method="S256", token_endpoint_auth_method="client_secret_basic")
            browser = requests.Session()
            phone = requests.Session()
            app = f"{issuer}/bankid-simulator/app"

            def get(session, path):
                return session.get(urllib.parse.urljoin(issuer, path), allow_redirects=False, timeout=10)

            def follow(session, answer):
                for _ in range(10):
                    location = answer.headers.get("Location")
                    if answer.status_code not in (301, 302, 303) or not location or location.startswith(f"http://127.0.0.1:{rp_port}"):
                        return answer
                    answer = get(session, location)
                raise SystemExit("too many redirects")

            def start_order(session, page, start, personal_number=None):
                for hidden, visible in forms(page.text, "/login/bankid"):
                    if hidden.get("start") == start and (("personal_number" in visible) == (personal_number is not None)):
                        data = dict(hidden)
                        if personal_number is not None:
                            data["personal_number"] = personal_number
                        return session.post(issuer + "/login/bankid", data=data, allow_redirects=False, timeout=10)
                raise SystemExit(f"no {start} form on the choice page:\n{page.text[:2000]}")

            def scan(session, order_page):
                """The phone reads the QR code on the screen and opens the order in the app."""
                src = html.unescape(re.search(r'<img id="bankid-qr" class="qr" src="([^"]+)"', order_page.text).group(1))
                svg = get(session, src)
                content = read_qr(svg.text)
                opened = phone.post(f"{app}/open", json={"qr": content}, timeout=10)
                return content, opened

            def wait_done(session, order_url):
                order_id = urllib.parse.parse_qs(urllib.parse.urlparse(order_url).query)["id"][0]
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline:
                    status = get(session, f"/login/bankid/status?id={order_id}").json()
                    if status.get("next"):
                        return status["next"]
                    if status.get("state") != "pending":
                        raise SystemExit(f"the order ended: {status}")
                    time.sleep(0.5)
                raise SystemExit("the order did not complete within 30 s")

            def tokens_from(answer, verifier, nonce):
                location = follow(browser, answer).headers.get("Location", "")
                check("the browser comes back to the relying party with a code", location.startswith(redirect_uri) and "code=" in location, location)
                token = rp.fetch_token(metadata["token_endpoint"], authorization_response=location, code_verifier=verifier)
                claims = jwt.decode(token["id_token"], key_set, claims_cls=CodeIDToken,
                                    claims_options={"iss": {"essential": True, "value": issuer}},
                                    claims_params={"nonce": nonce, "client_id": client_id, "access_token": token["access_token"]})
                claims.validate(leeway=5)
                return token, claims

            # 1. Sign-up with BankID on another device.
            verifier, nonce = secrets.token_urlsafe(48), secrets.token_urlsafe(16)
            url, _ = rp.create_authorization_url(metadata["authorization_endpoint"], nonce=nonce, code_verifier=verifier)
            login_page = follow(browser, browser.get(url, allow_redirects=False, timeout=10))
            check("the login page offers BankID", "/login/bankid?request=" in login_page.text, login_page.text[:800])
            bankid_href = html.unescape(re.search(r'href="(/login/bankid\?request=[^"]+)"', login_page.text).group(1))
            choice = get(browser, bankid_href + "&choose=1")
            check("the choice page asks which device (RFA 20)", "Vill du använda BankID på den här enheten eller på en annan enhet?" in choice.text)
            # On a computer (requests sends no phone's User-Agent) BankID starts with the QR code at once.
            started = get(browser, bankid_href)
            check("on a computer BankID starts with the QR code at once", started.status_code == 303, started.status_code)
            order_url = started.headers.get("Location", "")
            order_page = get(browser, order_url)
            check("the order page shows the QR code, RFA 1 and the instruction beside it, with this device as a way on",
                  "Starta BankID-appen." in order_page.text and 'id="bankid-qr"' in order_page.text
                  and "tryck på QR-symbolen" in order_page.text and "BankID på den här enheten" in order_page.text, order_page.text[:1500])
            content, opened = scan(browser, order_page)
            check("the QR code decodes to bankid.<token>.<time>.<hmac>", re.fullmatch(r"bankid\.[0-9a-f-]+\.\d+\.[0-9a-f]{64}", content) is not None, content)
            check("the simulated app accepts the scanned code", opened.status_code == 200 and "session" in opened.json(), opened.text)
            session = opened.json()["session"]
            identified = phone.post(f"{app}/sessions/{session}/identify", json={"personalNumber": ANNA, "personalCode": "123456"}, timeout=10)
            check("the test identity identifies with its personal code", identified.status_code == 200, identified.text)
            done = get(browser, wait_done(browser, order_url))
            check("an unknown personnummer goes on to sign-up", done.status_code == 302 and done.headers["Location"].startswith("/signup/bankid"), done.headers)
            email_page = get(browser, done.headers["Location"])
            check("the sign-up shows the name from BankID", "Anna Testsson" in email_page.text, email_page.text[:1000])
            address = f"anna.{secrets.token_hex(3)}@kiosken.example"
            code_page = browser.post(issuer + "/signup/bankid", data={**hidden_fields(email_page.text, "/signup/bankid"), "email": address}, timeout=10)
            _, message, _, _ = mailbox.wait_for(address, 1, 30)
            details = browser.post(issuer + "/signup/bankid/code", data={**hidden_fields(code_page.text, "/signup/bankid/code"), "code": code_in(message)},
                                   timeout=10)
            check("the mailed code verifies the address", "integritetspolicyn" in details.text, details.text[:1000])
            created = browser.post(issuer + "/signup/bankid/details", data={**hidden_fields(details.text, "/signup/bankid/details"), "privacy": "yes"},
                                   allow_redirects=False, timeout=10)
            check("the account is created and logged in", created.status_code == 303, (created.status_code, created.text[:800]))
            token, claims = tokens_from(created, verifier, nonce)
            check("the ID token names the flow: acr another-device:qr",
                  claims.get("acr") == "urn:grn:authn:se:bankid:another-device:qr" and claims.get("amr") == ["swk", "pin", "mfa"], dict(claims))
            userinfo = rp.get(metadata["userinfo_endpoint"], timeout=5).json()
            check("userinfo releases the personnummer as ssn under the ssn scope, with the verified address",
                  userinfo.get("ssn") == ANNA and userinfo.get("email") == address and userinfo.get("given_name") == "Anna", userinfo)
            subject = claims["sub"]

            logout = browser.get(metadata["end_session_endpoint"], params={"id_token_hint": token["id_token"], "post_logout_redirect_uri": bye_uri},
                                 allow_redirects=False, timeout=10)
            check("logout returns to the relying party", logout.status_code == 302, logout.headers)

            # 2. A second login, on the same device, chosen by acr_values.
            verifier, nonce = secrets.token_urlsafe(48), secrets.token_urlsafe(16)
            url, _ = rp.create_authorization_url(metadata["authorization_endpoint"], nonce=nonce, code_verifier=verifier,
                                                 acr_values="urn:grn:authn:se:bankid:same-device")
            login = get(browser, browser.get(url, allow_redirects=False, timeout=10).headers["Location"])
            check("acr_values same-device skips the login method choice", login.status_code == 302
                  and login.headers.get("Location", "").startswith("/login/bankid?request="), (login.status_code, login.headers))
            started = get(browser, login.headers["Location"])
            check("acr_values same-device skips the device choice", started.status_code == 303, started.status_code)
            order_url = started.headers["Location"]
            order_page = get(browser, order_url)
            autostart = html.unescape(re.search(r'href="(/bankid-simulator/app\?autostarttoken=[^"]+)"', order_page.text).group(1))
            check("the page offers \"Öppna BankID-appen\" with the autostart link", "Öppna BankID-appen" in order_page.text)
            token_value = urllib.parse.parse_qs(urllib.parse.urlparse(autostart).query)["autostarttoken"][0]
            opened = phone.post(f"{app}/open", json={"autoStartToken": token_value}, timeout=10)
            phone.post(f"{app}/sessions/{opened.json()['session']}/identify", json={"personalNumber": ANNA, "personalCode": "123456"}, timeout=10)
            done = get(browser, wait_done(browser, order_url))
            token, claims = tokens_from(done, verifier, nonce)
            check("the second login needs no sign-up and names the same-device flow",
                  claims["sub"] == subject and claims.get("acr") == "urn:grn:authn:se:bankid:same-device", dict(claims))

            # 3. Personnummer first: only that person can complete.
            other = requests.Session()
            choice = other.get(issuer + "/login/bankid?choose=1", timeout=10)
            started = start_order(other, choice, "other-device", personal_number="19900101-2385")
            order_url = started.headers.get("Location", "")
            order_page = other.get(issuer + order_url, timeout=10)
            _, opened = scan(other, order_page)
            session = opened.json()["session"]
            refused = phone.post(f"{app}/sessions/{session}/identify", json={"personalNumber": OLLE, "personalCode": "123456"}, timeout=10)
            check("another test identity cannot complete a personnummer-restricted order", refused.status_code == 403, refused.text)
            still = other.get(f"{issuer}/login/bankid/status?id={urllib.parse.parse_qs(urllib.parse.urlparse(order_url).query)['id'][0]}", timeout=10).json()
            check("the order is still pending for its person", still.get("state") == "pending", still)
            phone.post(f"{app}/sessions/{session}/identify", json={"personalNumber": ANNA, "personalCode": "123456"}, timeout=10)
            check("the right person completes it", wait_done(other, order_url).startswith("/login/bankid/done"))
            stop_cleanly(server)
    finally:
        smtp.stop()
    print(f"e2e bankid: all {len(CHECKS)} checks passed", flush=True)


if __name__ == "__main__":
    main()
