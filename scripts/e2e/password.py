#!/usr/bin/env python3
"""End-to-end check of accounts with e-mail and password, with real mail.

Runs a real SMTP server (aiosmtpd) on 127.0.0.1 that insists on STARTTLS with a certificate from a throwaway CA and
on AUTH, starts `portvakt serve` on a free loopback port pointed at it, and drives the whole flow over HTTP the way
a browser does, reading every code from the mails the SMTP server received:

  sign-up (address, code, password + name + privacy policy) -> a token at a relying party (authlib)
  logout -> login with password and a mailed code -> a token again
  an unknown address and a wrong password look the same
  the SMTP server stops, someone signs up, the SMTP server starts again: the code still arrives.

Every wait is bounded.

usage: password.py PORTVAKT_BINARY DATABASE_URL
"""
import datetime
import email
import email.policy
import html
import ipaddress
import json
import logging
import os
import re
import secrets
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import warnings

import requests
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from authlib.integrations.requests_client import OAuth2Session
from common import CHECKS, IDENTITIES, check, code_in, free_port, hidden_fields, serving, stop_cleanly
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

warnings.filterwarnings("ignore", category=DeprecationWarning)
logging.getLogger("mail.log").setLevel(logging.CRITICAL)  # aiosmtpd's own chatter (and the refused connections while down)
from authlib.jose import JsonWebKey, jwt  # noqa: E402
from authlib.oidc.core import CodeIDToken  # noqa: E402

SMTP_USER, SMTP_PASSWORD = "portvakt", "smtp-secret-" + secrets.token_hex(8)
PASSWORD = "en lång mening om pant och burkar"


class Mailbox:
    """An aiosmtpd handler that keeps every received message, parsed."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self.lock:
            self.messages.append((envelope.rcpt_tos, message, session.ssl is not None, session.authenticated))
        return "250 OK"

    def to(self, address):
        with self.lock:
            return [entry for entry in self.messages if address in entry[0]]

    def wait_for(self, address, count, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = self.to(address)
            if len(found) >= count:
                return found[count - 1]
            time.sleep(0.2)
        raise SystemExit(f"no mail number {count} to {address} within {seconds} s")


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == SMTP_USER.encode() and auth_data.password == SMTP_PASSWORD.encode()
    return AuthResult(success=ok)


def make_certificate(folder):
    """A throwaway CA-signed certificate for 127.0.0.1; returns (ca file, server TLS context)."""
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Portvakt e2e CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
          .not_valid_after(now + datetime.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False,
                                       key_encipherment=False, data_encipherment=False, key_agreement=False,
                                       encipher_only=False, decipher_only=False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(ca_key, hashes.SHA256()))
    ca_file, cert_file, key_file = (os.path.join(folder, name) for name in ("ca.pem", "smtp.pem", "smtp.key"))
    with open(ca_file, "wb") as f:
        f.write(ca.public_bytes(serialization.Encoding.PEM))
    with open(cert_file, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_file, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    return ca_file, context


def start_smtp(mailbox, port, tls_context):
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, tls_context=tls_context, require_starttls=True,
                            authenticator=authenticator, auth_required=True, auth_require_tls=True)
    controller.start()
    return controller


def link(page, prefix):
    """The first link on the page whose target starts with `prefix`."""
    for href in re.findall(r'href="([^"]+)"', page):
        href = html.unescape(href)
        if href.startswith(prefix):
            return href
    raise SystemExit(f"no link to {prefix} in:\n{page[:2000]}")


def main():
    binary, database_url = os.path.abspath(sys.argv[1]), sys.argv[2]
    work = tempfile.mkdtemp(prefix="portvakt-password-e2e-")
    port, rp_port, smtp_port = free_port(), free_port(), free_port()
    issuer = f"http://127.0.0.1:{port}"
    redirect_uri, bye_uri = f"http://127.0.0.1:{rp_port}/callback", f"http://127.0.0.1:{rp_port}/bye"
    ca_file, tls_context = make_certificate(work)
    mailbox = Mailbox()
    smtp = start_smtp(mailbox, smtp_port, tls_context)

    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTVAKT_")}
    env.update({"PORTVAKT_ISSUER": issuer, "PORTVAKT_LISTEN": f"127.0.0.1:{port}", "PORTVAKT_DATABASE_URL": database_url,
                "PORTVAKT_KEK_FILE": os.path.join(work, "kek"), "PORTVAKT_BANKID_IDENTITIES_FILE": IDENTITIES,
                "PORTVAKT_SMTP_URL": f"smtp://{SMTP_USER}:{SMTP_PASSWORD}@127.0.0.1:{smtp_port}?starttls=required",
                "PORTVAKT_SMTP_CA_FILE": ca_file, "PORTVAKT_MAIL_FROM": "Mina sidor <noreply@pant.example>",
                # The mails' signature: the organisation and the support link from `ui`.
                "PORTVAKT_UI_ORGANISATION": "Returpack", "PORTVAKT_UI_SUPPORT_URL": "https://returpack.example/kontakt"})
    print(f"e2e password: {issuer}, SMTP with STARTTLS and AUTH at 127.0.0.1:{smtp_port}", flush=True)
    try:
        with serving(binary, env, work, issuer) as server:

            added = subprocess.run(
                [binary, "clients", "add", "--id", "e2e-rp", "--name", "E2E relying party", "--redirect-uri", redirect_uri,
                 "--post-logout-redirect-uri", bye_uri, "--first-party", "--json"],
                cwd=work, env=env, capture_output=True, text=True, timeout=60)
            check("`portvakt clients add --json` registers a client", added.returncode == 0, added.stderr)
            credentials = json.loads(added.stdout)
            client_id, client_secret = credentials["client_id"], credentials["client_secret"]
            metadata = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=5).json()
            check("discovery lists the password login's acr", "urn:portvakt:acr:password-otp" in metadata.get("acr_values_supported", []), metadata)
            key_set = JsonWebKey.import_key_set(requests.get(metadata["jwks_uri"], timeout=5).json())
            rp = OAuth2Session(client_id, client_secret, scope="openid profile email", redirect_uri=redirect_uri,
                               code_challenge_method="S256", token_endpoint_auth_method="client_secret_basic")
            browser = requests.Session()

            def get(path):
                return browser.get(urllib.parse.urljoin(issuer, path), allow_redirects=False, timeout=10)

            def submit(page, action, fields):
                form = hidden_fields(page.text, action)
                form.update(fields)
                return browser.post(issuer + action, data=form, allow_redirects=False, timeout=10)

            def follow(answer):
                """Follows redirects within Portvakt; stops at the relying party."""
                for _ in range(10):
                    location = answer.headers.get("Location")
                    if answer.status_code not in (301, 302, 303) or not location or location.startswith(f"http://127.0.0.1:{rp_port}"):
                        return answer
                    answer = get(location)
                raise SystemExit("too many redirects")

            def start_authorization():
                verifier, nonce = secrets.token_urlsafe(48), secrets.token_urlsafe(16)
                url, state = rp.create_authorization_url(metadata["authorization_endpoint"], nonce=nonce, code_verifier=verifier)
                return follow(browser.get(url, allow_redirects=False, timeout=10)), verifier, nonce

            def finish(answer, verifier, nonce):
                location = follow(answer).headers.get("Location", "")
                check("the browser comes back to the relying party with a code", location.startswith(redirect_uri) and "code=" in location, location)
                token = rp.fetch_token(metadata["token_endpoint"], authorization_response=location, code_verifier=verifier)
                claims = jwt.decode(token["id_token"], key_set, claims_cls=CodeIDToken,
                                    claims_options={"iss": {"essential": True, "value": issuer}},
                                    claims_params={"nonce": nonce, "client_id": client_id, "access_token": token["access_token"]})
                claims.validate(leeway=5)
                return token, claims

            # Sign-up, from the relying party's login redirect.
            address = f"nils.{secrets.token_hex(3)}@kiosken.example"
            login_page, verifier, nonce = start_authorization()
            check("the login page offers e-mail and password", login_page.status_code == 200 and "/login/password?request=" in login_page.text, login_page.text[:500])
            password_page = get(link(login_page.text, "/login/password?request="))
            signup_page = get(link(password_page.text, "/signup?request="))
            sent = submit(signup_page, "/signup", {"email": address})
            check("sign-up answers 303 to the code page (post/redirect/get)", sent.status_code == 303, (sent.status_code, sent.text[:500]))
            code_page = get(sent.headers["Location"])
            check("sign-up asks for the code mailed to the address", code_page.status_code == 200 and "Verifieringskod" in code_page.text, code_page.text[:500])
            recipients, message, over_tls, authenticated = mailbox.wait_for(address, 1, 30)
            check("the code arrives over STARTTLS with AUTH", over_tls and authenticated, (over_tls, authenticated))
            check("the mail is proper MIME: Swedish subject, text and HTML, Message-ID and Date",
                  message["Subject"] == "Din verifieringskod till Mina sidor" and message.get_body(("html",)) is not None
                  and message["Message-ID"] and message["Date"], str(message)[:800])
            text_part, html_part = (message.get_body((kind,)).get_content().replace("\r\n", "\n") for kind in ("plain", "html"))
            check("both parts are signed by the organisation and the service, with the support link (`ui`)",
                  text_part.endswith("Returpack – Mina sidor\nHjälp och kontakt: https://returpack.example/kontakt\n")
                  and "Returpack – Mina sidor<br>" in html_part and '<a href="https://returpack.example/kontakt">' in html_part,
                  (text_part, html_part))
            verified = submit(code_page, "/signup/code", {"code": code_in(message)})
            check("a right code answers 303 to the details page", verified.status_code == 303, (verified.status_code, verified.text[:500]))
            details = get(verified.headers["Location"])
            check("a right code leads to the details form", details.status_code == 200 and 'autocomplete="new-password"' in details.text, details.text[:500])
            created = submit(details, "/signup/details", {"password": PASSWORD, "given_name": "Nils", "family_name": "Åberg", "privacy": "yes"})
            check("the account is created and logged in", created.status_code == 303, (created.status_code, created.text[:500]))
            token, claims = finish(created, verifier, nonce)
            check("the relying party's ID token says password + code (amr, acr)",
                  claims.get("amr") == ["pwd", "otp", "mfa"] and claims.get("acr") == "urn:portvakt:acr:password-otp", dict(claims))
            userinfo = rp.get(metadata["userinfo_endpoint"], timeout=5).json()
            check("userinfo has the new account's verified address and name",
                  userinfo.get("email") == address and userinfo.get("email_verified") is True and userinfo.get("family_name") == "Åberg", userinfo)

            logout = browser.get(metadata["end_session_endpoint"], params={
                "id_token_hint": token["id_token"], "post_logout_redirect_uri": bye_uri}, allow_redirects=False, timeout=10)
            check("logout returns to the relying party", logout.status_code == 302 and logout.headers.get("Location", "").startswith(bye_uri), logout.headers)

            # Login with password and a mailed code.
            login_page, verifier, nonce = start_authorization()
            check("after logout the login page is shown again", login_page.status_code == 200 and "/login/password?request=" in login_page.text)
            password_page = get(link(login_page.text, "/login/password?request="))
            to_code = submit(password_page, "/login/password", {"email": address, "password": PASSWORD})
            check("the right password answers 303 to the code step", to_code.status_code == 303, (to_code.status_code, to_code.text[:500]))
            code_page = get(to_code.headers["Location"])
            check("the right password leads to the code step", code_page.status_code == 200 and "Verifieringskod" in code_page.text, code_page.text[:500])
            _, message, _, _ = mailbox.wait_for(address, 2, 30)
            wrong = submit(code_page, "/login/password/code", {"code": "000000" if code_in(message) != "000000" else "111111"})
            check("a wrong code is refused with the tries left", wrong.status_code == 400 and "Du har 4 försök kvar" in wrong.text, wrong.text[:500])
            done = submit(code_page, "/login/password/code", {"code": code_in(message)})
            token, claims = finish(done, verifier, nonce)
            check("login with the mailed code gives tokens with amr pwd, otp, mfa", claims.get("amr") == ["pwd", "otp", "mfa"], dict(claims))

            # An unknown address and a wrong password look the same.
            other = requests.Session()
            page = other.get(issuer + "/login/password", timeout=10)
            form = hidden_fields(page.text, "/login/password")
            wrong_password = other.post(issuer + "/login/password", data={**form, "email": address, "password": "inte det här lösenordet"}, timeout=10)
            unknown = other.post(issuer + "/login/password", data={**form, "email": "ingen.alls@kiosken.example", "password": "inte det här lösenordet"}, timeout=10)
            check("an unknown address and a wrong password get the same answer",
                  wrong_password.status_code == unknown.status_code == 400
                  and wrong_password.text.replace(address, "X") == unknown.text.replace("ingen.alls@kiosken.example", "X"))

            # The SMTP server goes away; a sign-up's code waits in the outbox and arrives when it is back.
            smtp.stop()
            late = f"lisa.{secrets.token_hex(3)}@kiosken.example"
            fresh = requests.Session()
            page = fresh.get(issuer + "/signup", timeout=10)
            code_page = fresh.post(issuer + "/signup", data={**hidden_fields(page.text, "/signup"), "email": late}, timeout=10)
            check("sign-up answers while the SMTP server is down", code_page.status_code == 200 and "Verifieringskod" in code_page.text)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                listing = subprocess.run([binary, "mail", "list"], cwd=work, env=env, capture_output=True, text=True, timeout=60).stdout
                row = next((line for line in listing.splitlines() if late in line), "")
                if "retrying" in row:
                    break
                time.sleep(1)
            check("`portvakt mail list` shows the mail retrying", "retrying" in row, listing)
            smtp = start_smtp(mailbox, smtp_port, tls_context)
            _, message, _, _ = mailbox.wait_for(late, 1, 120)
            check("the code is delivered once the SMTP server is back", message["Subject"] == "Din verifieringskod till Mina sidor")
            details = fresh.post(issuer + "/signup/code", data={**hidden_fields(code_page.text, "/signup/code"), "code": code_in(message)}, timeout=10)
            created = fresh.post(issuer + "/signup/details", data={**hidden_fields(details.text, "/signup/details"), "password": PASSWORD,
                                                                  "given_name": "Lisa", "family_name": "Ek", "privacy": "yes"},
                                 allow_redirects=False, timeout=10)
            check("the late code still creates the account", created.status_code == 303 and created.headers.get("Location") == "/account", created.text[:500])
            account = fresh.get(issuer + "/account", timeout=10)
            check("the account page shows the new account", account.status_code == 200 and late in account.text and "Lisa" in account.text)
            stop_cleanly(server)
    finally:
        try:
            smtp.stop()
        except Exception:
            pass
    print(f"e2e password: all {len(CHECKS)} checks passed", flush=True)


if __name__ == "__main__":
    main()
