#!/usr/bin/env python3
"""The customer guide's journey as one unbroken flow through the real binary, with authlib as the relying party.

One server (mail in its local mailbox folder, the embedded BankID simulator), the demo register imported with the
CLI, and a business portal registered with the CLI that may ask for `openid profile email memberships business`.
Every browser is a requests.Session of its own (cookies kept apart).

  1. a new shop owner comes from the portal, signs up, links Pantbutiken with customer number + PIN and activates it
     inside the flow ("Koppla konto till verksamhet"), and arrives at the portal with the business claim;
  2. a producer's new user asks for the mailed link, opens it in a second browser (logging in there), is told to go
     back, and the first browser's waiting page goes on to the activation and the portal;
  3. a deep link (/account/businesses?lang=en) survives the login;
  4. an English browser stays English through sign-up, login, the code mail and the account page, until the footer
     switch makes that browser's pages Swedish;
  5. BankID acr_values skip the login method choice;
  6. a BankID acr_values request over a password session asks for a BankID login (step-up), and the ID token then
     carries the BankID acr;
  7. a logged-out invitee sees the invitation before logging in, signs up with the invited address and lands on the
     business as a member.

Every wait is bounded.

usage: journey.py PORTVAKT_BINARY DATABASE_URL REGISTER_CSV
"""
import html
import os
import re
import secrets
import subprocess
import sys
import tempfile
import urllib.parse
import warnings

import requests
from common import (CHECKS, IDENTITIES, LocalMailbox, Portal, register_portal, ask, bankid_on_this_device, check, claims_of, code_in, follow, free_port,
                    hidden_fields, log_in_with_password, serving, sign_up_with_password, stop_cleanly)

warnings.filterwarnings("ignore", category=DeprecationWarning)

PASSWORD = "en lång mening om pant och burkar"
PORTAL_SCOPE = "openid profile email memberships business"
ANNA = "199001012385"
SAME_DEVICE, BANKID = "urn:grn:authn:se:bankid:same-device", "urn:grn:authn:se:bankid"


def path_of(url):
    """The path and query of an address, as the server's own links and redirects name it."""
    parts = urllib.parse.urlparse(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def html_lang(page):
    found = re.search(r'<html lang="([^"]+)">', page.text)
    return found.group(1) if found else None


def main():
    binary, database_url, register = os.path.abspath(sys.argv[1]), sys.argv[2], os.path.abspath(sys.argv[3])
    work = tempfile.mkdtemp(prefix="portvakt-journey-e2e-")
    mail = LocalMailbox(os.path.join(work, "mailbox"))
    port, rp_port = free_port(), free_port()
    issuer = f"http://127.0.0.1:{port}"
    redirect_uri = f"http://127.0.0.1:{rp_port}/callback"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTVAKT_")}
    env.update({"PORTVAKT_ISSUER": issuer, "PORTVAKT_LISTEN": f"127.0.0.1:{port}", "PORTVAKT_DATABASE_URL": database_url,
                "PORTVAKT_KEK_FILE": os.path.join(work, "kek"), "PORTVAKT_MAILBOX_DIR": mail.directory,
                "PORTVAKT_BANKID_URL": "simulator", "PORTVAKT_BANKID_IDENTITIES_FILE": IDENTITIES})

    def cli(*arguments):
        return subprocess.run([binary, *arguments], cwd=work, env=env, capture_output=True, text=True, timeout=120)

    print(f"e2e journey: {issuer} with the embedded BankID simulator", flush=True)
    imported = cli("businesses", "import", register)
    check("`portvakt businesses import` imports the demo register", imported.returncode == 0 and "new" in imported.stdout,
          (imported.stdout, imported.stderr))
    with serving(binary, env, work, issuer) as server:
        portal_registration = register_portal(cli, issuer, redirect_uri, PORTAL_SCOPE)

        def browser(language=None):
            session = requests.Session()
            if language:
                session.headers["Accept-Language"] = language
            return session

        def get(session, location):
            return session.get(urllib.parse.urljoin(issuer, location), allow_redirects=False, timeout=10)

        def submit(session, page, action, fields):
            return session.post(issuer + action, data={**hidden_fields(page.text, action), **fields}, allow_redirects=False, timeout=10)


        def new_user_from_portal(session, address, given, family):
            """A logged-out browser sent by the portal: the login page, 'Skapa konto', and the sign-up resumes the request."""
            portal = Portal(portal_registration, session, PORTAL_SCOPE)
            login = follow(session, issuer, portal.answer)
            check(f"{given}: the portal's request asks a logged-out browser to log in",
                  path_of(login.url).startswith("/login?request=") and portal.request_id and "Skapa konto" in login.text, (login.url, login.text[:500]))
            start = html.unescape(re.search(r'href="(/signup\?request=[^"]+)"', login.text).group(1))
            created = sign_up_with_password(session, issuer, address, given, family, PASSWORD, lambda: mail.next(address), start=start,
                                            lands=f"/authorize/resume?request={portal.request_id}")
            onboarding = follow(session, issuer, created)
            check(f"{given} is taken to 'Koppla konto till verksamhet' inside the flow",
                  path_of(onboarding.url) == f"/authorize/business/link?request={portal.request_id}" and "Koppla konto till verksamhet" in onboarding.text,
                  (onboarding.url, onboarding.text[:800]))
            return portal, onboarding

        # 1. A new shop owner links Pantbutiken with the PIN inside the flow and arrives with the business.
        karin = browser()
        karin_address = f"karin.{secrets.token_hex(3)}@pantbutiken.example"
        portal, onboarding = new_user_from_portal(karin, karin_address, "Karin", "Lund")
        check("the first step asks for the customer number alone", 'name="pin"' not in onboarding.text and ">Lägg till</button>" in onboarding.text,
              onboarding.text[:1500])
        way = ask(karin, issuer, onboarding.text, "/authorize/business/link", {"customer_number": "0123436"})
        check("Pantbutiken's number is answered with the PIN step", way.status_code == 200 and 'name="pin"' in way.text and "Kundnummer: 0123436" in way.text,
              way.text[:1500])
        linked = submit(karin, way, "/authorize/business/link/pin", {"pin": "4711"})
        check("Pantbutiken 0123436 is linked with PIN 4711", linked.status_code == 303, (linked.status_code, linked.text[:500]))
        confirm = get(karin, linked.headers["Location"])
        check("the flow asks to confirm 'Aktivera verksamhet' for Pantbutiken",
              "Aktivera verksamhet" in confirm.text and "Kontot är kopplat till Pantbutiken" in confirm.text, confirm.text[:1000])
        activated = submit(karin, confirm, "/authorize/business/link/activate", {})
        check("the activation resumes the request", activated.status_code == 303
              and activated.headers.get("Location") == f"/authorize/resume?request={portal.request_id}", activated.headers)
        token, id_claims = portal.arrive(karin, activated, "Karin")
        access = claims_of(token["access_token"])
        check("the access token carries the business claim of Pantbutiken 0123436",
              access.get("business") == {"customer_number": "0123436", "name": "Pantbutiken", "role": "admin"}, access)
        pantbutiken = {"customer_number": "0123436", "name": "Pantbutiken", "kind": "retailer", "role": "admin"}
        check("the ID token lists the membership", id_claims.get("memberships") == [pantbutiken], dict(id_claims))
        userinfo = portal.rp.get(portal_registration["metadata"]["userinfo_endpoint"], timeout=10).json()
        check("userinfo lists the membership", userinfo.get("memberships") == [pantbutiken], userinfo)

        # 2. A producer links by the mailed link, opened in a second browser; the first window goes on.
        anna = browser()
        anna_address = f"anna.{secrets.token_hex(3)}@bryggeriet-norr.example"
        portal, onboarding = new_user_from_portal(anna, anna_address, "Anna", "Berg")
        way = ask(anna, issuer, onboarding.text, "/authorize/business/link", {"customer_number": "0789015"})
        check("a producer's number gets the mailed link, never a PIN field",
              'name="pin"' not in way.text and "Producenter och importörer kopplar kontot" in way.text, way.text[:1500])
        sent = submit(anna, way, "/authorize/business/link/email", {})
        waiting_url = sent.headers.get("Location", "")
        check("asking for the mailed link for Bryggeriet i Norr 0789015 goes to the waiting page",
              sent.status_code == 303 and waiting_url.startswith("/authorize/business/link?request=") and "sent=1" in waiting_url, sent.headers)
        waiting = get(anna, waiting_url)
        check("the waiting page says the window goes on by itself and reloads itself",
              "det här fönstret fortsätter av sig självt" in waiting.text and 'http-equiv="refresh"' in waiting.text, waiting.text[:1000])
        message = mail.next("kontakt@bryggeriet-norr.se")
        link = re.search(r"(https?://\S+/account/businesses/link\?\S+)", message.get_body(("plain",)).get_content())
        check("the link goes to the producer's registered address", link is not None and link.group(1).startswith(issuer), message)
        link = link.group(1)
        elsewhere = browser()
        to_login = elsewhere.get(link, allow_redirects=False, timeout=10)
        check("the link in a second, logged-out browser asks to log in first",
              to_login.status_code == 302 and to_login.headers.get("Location", "").startswith("/login?return="), to_login.headers)
        done, _, _ = log_in_with_password(elsewhere, issuer, follow(elsewhere, issuer, to_login), anna_address, PASSWORD,
                                          lambda: mail.next(anna_address))
        check("after logging in there the second browser is back at the link",
              done.status_code == 303 and done.headers.get("Location") == path_of(link), (done.status_code, done.headers, path_of(link)))
        redeemed = get(elsewhere, done.headers["Location"])
        check("the second browser sees 'Gå tillbaka till fönstret där du loggade in'",
              "Gå tillbaka till fönstret där du loggade in" in redeemed.text, (redeemed.status_code, redeemed.text[:1000]))
        reloaded = get(anna, waiting_url)
        check("the first browser's waiting page, reloaded, offers the activation of Bryggeriet i Norr",
              "Aktivera verksamhet" in reloaded.text and "Bryggeriet i Norr" in reloaded.text, reloaded.text[:1000])
        activated = submit(anna, reloaded, "/authorize/business/link/activate", {})
        token, id_claims = portal.arrive(anna, activated, "Anna")
        access = claims_of(token["access_token"])
        check("the access token carries the producer's business claim",
              access.get("business") == {"customer_number": "0789015", "name": "Bryggeriet i Norr", "role": "admin"}, access)
        check("the ID token lists the producer membership",
              [m.get("kind") for m in id_claims.get("memberships", [])] == ["producer"], dict(id_claims))

        # 3. A deep link survives the login.
        karin_elsewhere = browser()
        deep = "/account/businesses?lang=en"
        to_login = get(karin_elsewhere, deep)
        location = to_login.headers.get("Location", "")
        check("a logged-out deep link goes to the login page with a return target",
              to_login.status_code == 302 and location.startswith("/login?return=") and "lang=en" in location, to_login.headers)
        login_page = get(karin_elsewhere, location)
        check("that login page is English", html_lang(login_page) == "en", login_page.text[:300])
        done, _, _ = log_in_with_password(karin_elsewhere, issuer, login_page, karin_address, PASSWORD, lambda: mail.next(karin_address))
        check("password + code land on the deep link", done.status_code == 303 and done.headers.get("Location") == deep, done.headers)
        landed = get(karin_elsewhere, deep)
        check("the deep link's page is the businesses page, still English",
              landed.status_code == 200 and html_lang(landed) == "en" and "Pantbutiken" in landed.text, landed.text[:500])

        # 4. An English browser stays English after login, until its footer switch says Swedish.
        erik_address = f"erik.{secrets.token_hex(3)}@kiosken.example"
        signing_up = browser("en")
        sign_up_page = get(signing_up, "/signup")
        check("an English browser's sign-up page is English", html_lang(sign_up_page) == "en" and "Send verification code" in sign_up_page.text)
        mails = []
        sign_up_with_password(signing_up, issuer, erik_address, "Erik", "Holm", PASSWORD, lambda: mails.append(mail.next(erik_address)) or mails[-1])
        check("the sign-up code mail is English", mails[-1]["Subject"] == "Your verification code for Mina sidor", mails[-1]["Subject"])
        english = browser("en")
        login_page = get(english, "/login")
        check("the login page is English", html_lang(login_page) == "en", login_page.text[:300])
        done, password_page, code_mail = log_in_with_password(english, issuer, login_page, erik_address, PASSWORD, lambda: mail.next(erik_address))
        check("the password login page is English", html_lang(password_page) == "en" and "Forgot your password?" in password_page.text)
        check("the login code mail is English", code_mail["Subject"] == "Your verification code for Mina sidor"
              and "Here is your code to log in:" in code_mail.get_body(("plain",)).get_content(), code_mail)
        check("the login ends on the account page", done.status_code == 303 and done.headers.get("Location") == "/account", done.headers)
        account = get(english, "/account")
        check("the account page after login is English", account.status_code == 200 and html_lang(account) == "en", account.text[:300])
        switch = re.search(r'href="(/language\?lang=sv&amp;back=[^"]+)"', account.text)
        check("the account page's footer offers Swedish", switch is not None, account.text[-1500:])
        switched = get(english, html.unescape(switch.group(1)))
        check("the footer switch keeps the choice and goes back to the account page",
              switched.status_code == 303 and switched.headers.get("Location") == "/account" and "portvakt-lang=sv" in switched.headers.get("Set-Cookie", ""),
              switched.headers)
        check("afterwards that browser's account page is Swedish", html_lang(get(english, "/account")) == "sv")
        check("and its other pages too", html_lang(get(english, "/account/businesses")) == "sv" and html_lang(get(english, "/login")) == "sv")
        check("the other browser of the same account stays English", html_lang(get(signing_up, "/account")) == "en")

        # 5. BankID acr_values skip the login method choice.
        for acr in (SAME_DEVICE, BANKID):
            visitor = browser()
            portal = Portal(portal_registration, visitor, "openid profile", acr_values=acr)
            login = get(visitor, portal.answer.headers.get("Location", ""))
            check(f"acr_values={acr} sends /login?request=… straight to /login/bankid?request=…",
                  path_of(portal.answer.headers.get("Location", "")).startswith("/login?request=") and login.status_code == 302
                  and login.headers.get("Location", "").startswith(f"/login/bankid?request={portal.request_id}"), (portal.answer.headers, login.headers))
        started = get(visitor, login.headers["Location"])
        order = get(visitor, started.headers.get("Location", ""))
        check("without a device in the acr value, a computer gets the QR code at once, with this device as a way on",
              started.status_code == 303 and 'id="bankid-qr"' in order.text and "BankID på den här enheten" in order.text, order.text[:800])

        # 6. Step-up: a BankID request over Karin's password session asks for a BankID login.
        portal = Portal(portal_registration, karin, "openid profile email", acr_values=SAME_DEVICE)
        location = portal.answer.headers.get("Location", "")
        check("a BankID acr_values request over a password session gets no code at once but the login page",
              location.startswith("/login?request=") and not location.startswith(redirect_uri), portal.answer.headers)
        login = get(karin, location)
        check("the login page goes straight to BankID", login.status_code == 302 and login.headers.get("Location", "").startswith("/login/bankid?request="),
              login.headers)
        started = get(karin, login.headers["Location"])
        check("the same-device value starts the order without the device choice",
              started.status_code == 303 and started.headers.get("Location", "").startswith("/login/bankid/order?"), started.headers)
        phone = requests.Session()
        done = get(karin, bankid_on_this_device(karin, phone, issuer, started.headers["Location"], ANNA))
        email_page = follow(karin, issuer, done)
        check("the person from BankID, new here, goes on to BankID sign-up",
              path_of(email_page.url).startswith("/signup/bankid") and "Anna Testsson" in email_page.text, (email_page.url, email_page.text[:500]))
        bankid_address = f"anna.t.{secrets.token_hex(3)}@kiosken.example"
        sent = submit(karin, email_page, "/signup/bankid", {"email": bankid_address})
        check("the BankID sign-up's address step answers 303 to its code page", sent.status_code == 303, (sent.status_code, sent.text[:300]))
        code_page = get(karin, sent.headers["Location"])
        verified = submit(karin, code_page, "/signup/bankid/code", {"code": code_in(mail.next(bankid_address))})
        check("the right code answers 303 to the details page", verified.status_code == 303, (verified.status_code, verified.text[:300]))
        details = get(karin, verified.headers["Location"])
        created = submit(karin, details, "/signup/bankid/details", {"privacy": "yes"})
        check("the BankID account is created", created.status_code == 303, (created.status_code, created.text[:500]))
        token, id_claims = portal.arrive(karin, created, "the BankID login")
        check("the ID token's acr is the BankID same-device one", id_claims.get("acr") == SAME_DEVICE, dict(id_claims))

        # 7. A logged-out invitee sees the invitation, signs up with the invited address and lands on the business.
        page = get(karin_elsewhere, "/account/businesses/0123436")
        olle_address = f"olle.{secrets.token_hex(3)}@pantbutiken.example"
        check("the business page has 'Skapa ny användare'", "Skapa ny användare" in page.text, page.text[:1000])
        invited = submit(karin_elsewhere, page, "/account/businesses/0123436/invite", {"email": olle_address, "role": "user"})
        check("Karin invites a new address as Användare", invited.status_code == 303, (invited.status_code, invited.text[:500]))
        link = re.search(r"(https?://\S+token=\S+)", mail.next(olle_address).get_body(("plain",)).get_content()).group(1)
        olle = browser()
        offer = follow(olle, issuer, get(olle, link))
        check("a logged-out invitee sees the invitation before logging in",
              offer.status_code == 200 and "Du är inbjuden till Pantbutiken som Användare" in offer.text and "Karin Lund" in offer.text
              and "Logga in" in offer.text and "Skapa konto" in offer.text, (offer.url, offer.text[:1500]))
        start = html.unescape(re.search(r'href="(/signup[^"]*)"', offer.text).group(1))
        prefilled = get(olle, start)
        check("sign-up from the invitation fills in the invited address", f'value="{olle_address}"' in prefilled.text, prefilled.text[:1500])
        # The invitation proves the address (its link went only there): no second code.
        created = sign_up_with_password(olle, issuer, olle_address, "Olle", "Ek", PASSWORD, None, start=start, lands=None)
        landed = follow(olle, issuer, created)
        check("the invitee lands on the accepted invitation: Pantbutiken's page, as Användare",
              urllib.parse.urlparse(landed.url).path == "/account/businesses/0123436"
              and re.search(r'<th scope="row">Olle Ek \(du\)</th><td>[^<]*</td>\s*<td>Användare</td>', landed.text) is not None,
              (landed.url, landed.text[:1500]))
        stop_cleanly(server)
    print(f"e2e journey: all {len(CHECKS)} checks passed", flush=True)


if __name__ == "__main__":
    main()
