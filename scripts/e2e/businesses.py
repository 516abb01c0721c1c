#!/usr/bin/env python3
"""End-to-end check of businesses and memberships against the real binary, a real SMTP server and a relying party.

  1. an administrator signs up (codes read from the SMTP server);
  2. links Pantbutiken (from the demo register, imported with the CLI) with customer number + PIN and becomes admin;
  3. activates it;
  4. invites a second address as Användare;
  5. the invitee signs up and accepts the mailed invitation;
  6. the administrator promotes them to Administratör;
  7. the relying party (authlib) sees the memberships with the right roles in fresh tokens after a refresh.

The same run shows that linking Pantbutiken again with the PIN is refused and that the last administrator cannot
demote themselves. Every wait is bounded.

usage: businesses.py PORTVAKT_BINARY DATABASE_URL REGISTER_CSV
"""
import html
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import urllib.parse
import warnings

import requests
from aiosmtpd.controller import Controller
from authlib.integrations.requests_client import OAuth2Session
from common import CHECKS, IDENTITIES, ask, check, claims_of, free_port, hidden_fields, serving, sign_up_with_password, stop_cleanly
from password import Mailbox

warnings.filterwarnings("ignore", category=DeprecationWarning)

PASSWORD = "en lång mening om pant och burkar"


def main():
    binary, database_url, register = os.path.abspath(sys.argv[1]), sys.argv[2], os.path.abspath(sys.argv[3])
    work = tempfile.mkdtemp(prefix="portvakt-businesses-e2e-")
    port, rp_port, smtp_port = free_port(), free_port(), free_port()
    issuer = f"http://127.0.0.1:{port}"
    redirect_uri = f"http://127.0.0.1:{rp_port}/callback"
    mailbox = Mailbox()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTVAKT_")}
    env.update({"PORTVAKT_ISSUER": issuer, "PORTVAKT_LISTEN": f"127.0.0.1:{port}", "PORTVAKT_DATABASE_URL": database_url,
                "PORTVAKT_KEK_FILE": os.path.join(work, "kek"), "PORTVAKT_SMTP_URL": f"smtp://127.0.0.1:{smtp_port}",
                "PORTVAKT_BANKID_IDENTITIES_FILE": IDENTITIES})

    def cli(*arguments):
        return subprocess.run([binary, *arguments], cwd=work, env=env, capture_output=True, text=True, timeout=120)

    imported = cli("businesses", "import", register)
    again = cli("businesses", "import", register)
    print(f"e2e businesses: {issuer}", flush=True)
    try:
        check("`portvakt businesses import` imports the demo register, and again changes nothing",
              imported.returncode == 0 and "new" in imported.stdout and again.returncode == 0 and " 0 new" in again.stdout,
              (imported.stdout, imported.stderr, again.stdout))
        with serving(binary, env, work, issuer) as server:
            added = cli("clients", "add", "--id", "e2e-rp", "--name", "E2E portal", "--redirect-uri", redirect_uri, "--first-party",
                        "--scope", "openid", "--scope", "profile", "--scope", "email", "--scope", "memberships", "--scope", "business", "--json")
            check("a client allowed the memberships scope is registered", added.returncode == 0, added.stderr)
            credentials = json.loads(added.stdout)
            metadata = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=5).json()

            def sign_up(browser, address, given):
                earlier = len(mailbox.to(address))
                sign_up_with_password(browser, issuer, address, given, "Testsson", PASSWORD, lambda: mailbox.wait_for(address, earlier + 1, 30)[1])

            def tokens(browser, scope):
                rp = OAuth2Session(credentials["client_id"], credentials["client_secret"], scope=scope, redirect_uri=redirect_uri,
                                   code_challenge_method="S256", token_endpoint_auth_method="client_secret_basic")
                verifier = secrets.token_urlsafe(48)
                url, _ = rp.create_authorization_url(metadata["authorization_endpoint"], nonce=secrets.token_urlsafe(8), code_verifier=verifier)
                location = browser.get(url, allow_redirects=False, timeout=10).headers.get("Location", "")
                check("the logged-in browser comes straight back with a code", location.startswith(redirect_uri) and "code=" in location, location)
                return rp, rp.fetch_token(metadata["token_endpoint"], authorization_response=location, code_verifier=verifier)

            def form_post(browser, page, action, fields):
                return browser.post(issuer + action, data={**hidden_fields(page.text, action), **fields}, allow_redirects=False, timeout=10)

            admin = requests.Session()
            admin_address = f"karin.{secrets.token_hex(3)}@pantbutiken.example"
            sign_up(admin, admin_address, "Karin")
            console = admin.get(issuer + "/account", timeout=10)
            check("the account console links to the businesses", "/account/businesses" in console.text)
            businesses = admin.get(issuer + "/account/businesses", timeout=10)
            way = ask(admin, issuer, businesses.text, "/account/businesses", {"customer_number": "0123436"})
            linked = form_post(admin, way, "/account/businesses/link-pin", {"pin": "4711"})
            check("Pantbutiken is linked with customer number + PIN", linked.status_code == 303, linked.text[:500])
            page = admin.get(issuer + linked.headers["Location"], timeout=10)
            check("the first account linked is the administrator", "Administratör" in page.text and "Aktivera verksamhet" in page.text)

            base = "/account/businesses/0123436"
            check("the administrator's own row offers no role change or removal", "/members/" not in page.text, page.text[:2000])
            asked = form_post(admin, page, f"{base}/activate", {})
            check("'Aktivera verksamhet' leads to a confirm step", asked.status_code == 303 and asked.headers["Location"].startswith(f"{base}/activate"),
                  asked.headers)
            confirm = admin.get(issuer + asked.headers["Location"], timeout=10)
            check("the confirm step says the PIN stops working", "Aktivera verksamheten?" in confirm.text and "PIN-koden slutar" in confirm.text,
                  confirm.text[:1000])
            activated = form_post(admin, confirm, f"{base}/activate", {"confirm": "yes"})
            check("the business is activated", activated.status_code == 303 and "done=activated" in activated.headers.get("Location", ""), activated.headers)

            again = requests.Session()
            sign_up(again, f"eve.{secrets.token_hex(3)}@example.org", "Eve")
            way = ask(again, issuer, again.get(issuer + "/account/businesses", timeout=10).text, "/account/businesses", {"customer_number": "0123436"})
            refused = form_post(again, way, "/account/businesses/link-pin", {"pin": "4711"})
            check("linking Pantbutiken again with the PIN is refused", refused.status_code == 400 and "/account/businesses/0123436\"" not in refused.text,
                  refused.text[:300])

            page = admin.get(issuer + base, timeout=10)
            invitee_address = f"olle.{secrets.token_hex(3)}@pantbutiken.example"
            invited = form_post(admin, page, f"{base}/invite", {"email": invitee_address, "role": "user"})
            check("an invitation goes out as Användare", invited.status_code == 303)
            _, invitation, _, _ = mailbox.wait_for(invitee_address, 1, 30)
            link = re.search(r"(https?://\S+token=\S+)", invitation.get_body(("plain",)).get_content()).group(1)
            invitee = requests.Session()
            sign_up(invitee, invitee_address, "Olle")
            offer = invitee.get(link, timeout=10)
            accepted = form_post(invitee, offer, "/invitations/accept", {})
            check("the invitee accepts the mailed invitation", accepted.status_code == 303 and accepted.headers["Location"].startswith(base), accepted.text[:300])

            rp, invitee_tokens = tokens(invitee, "openid memberships offline_access")
            memberships = claims_of(invitee_tokens["id_token"]).get("memberships")
            check("the invitee's ID token lists Pantbutiken as user",
                  memberships == [{"customer_number": "0123436", "name": "Pantbutiken", "kind": "retailer", "role": "user"}], memberships)

            page = admin.get(issuer + base, timeout=10)
            olle = re.findall(r'action="/account/businesses/0123436/members/([^/"]+)/role"', page.text)
            check("the table offers a role change for the invitee only", len(olle) == 1, olle)
            olle = olle[0]
            promoted = form_post(admin, page, f"{base}/members/{olle}/role", {"role": "admin"})
            check("the administrator promotes the invitee to Administratör", promoted.status_code == 303)

            refreshed = rp.refresh_token(metadata["token_endpoint"], refresh_token=invitee_tokens["refresh_token"])
            access = claims_of(refreshed["access_token"])
            check("after a refresh the relying party sees the new role", access.get("memberships", [{}])[0].get("role") == "admin", access)
            _, admin_tokens = tokens(admin, "openid memberships business:0123436")
            admin_access = claims_of(admin_tokens["access_token"])
            check("the administrator's token shows the membership and the business acted for",
                  admin_access.get("memberships", [{}])[0].get("role") == "admin"
                  and admin_access.get("business") == {"customer_number": "0123436", "name": "Pantbutiken", "role": "admin"}, admin_access)
            userinfo = requests.get(metadata["userinfo_endpoint"], headers={"Authorization": f"Bearer {refreshed['access_token']}"}, timeout=10).json()
            check("userinfo lists the memberships too", userinfo.get("memberships", [{}])[0].get("customer_number") == "0123436", userinfo)
            stop_cleanly(server)
    finally:
        smtp.stop()
    print(f"e2e businesses: all {len(CHECKS)} checks passed", flush=True)


if __name__ == "__main__":
    main()
