#!/usr/bin/env python3
"""End-to-end check of new customers' applications and the staff desk, against the real binary with authlib as the
relying party. One server (mail in its local mailbox folder, the embedded BankID simulator), a register imported with
the CLI (with its optional org_number column), and a business portal registered with the CLI that asks for
`openid profile email memberships business`. Every browser is a requests.Session of its own (cookies kept apart).

  0. a reviewer signs up with BankID (the QR code read from the page, as a phone does), and `portvakt staff add`
     makes her a reviewer; before that the desk does not exist for her;
  1. the whole path: a new user signs up from the portal, which asks for `business`; at "Koppla konto till
     verksamhet" she chooses "Ny kund?", and her application is refused with a wrong organisation number (at its
     field) and then sent (a reference number, the mail "Vi har tagit emot din ansökan"); the flow shows its status;
     the reviewer, logged in to the desk in her own browser, finds it in the queue and asks for more information;
     the applicant gets the question by mail and answers on her application's page; the reviewer approves (with a
     confirm step) and sees the new customer number; the applicant's waiting flow goes on to "Aktivera verksamhet",
     and she arrives at the portal with the new business in the `business` claim;
  2. an organisation number that the register has is refused and led to linking; one under review says so without
     naming who applied; `portvakt applications list/show/reject` see and decide it, with the actor `cli`;
  3. a rejection at the desk with a standard reason reaches an English applicant in English, and her page says so.

Every wait is bounded.

usage: applications.py PORTVAKT_BINARY DATABASE_URL
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
from bankid import forms
from common import (CHECKS, IDENTITIES, LocalMailbox, Portal, org_number, register_portal, ask, bankid_on_this_device, check, claims_of, code_in, follow, free_port,
                    hidden_fields, serving, sign_up_with_password, stop_cleanly)

warnings.filterwarnings("ignore", category=DeprecationWarning)

PASSWORD = "en lång mening om pant och burkar"
PORTAL_SCOPE = "openid profile email memberships business"
ANNA = "199001012385"


def path_of(url):
    parts = urllib.parse.urlparse(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def main():
    binary, database_url = os.path.abspath(sys.argv[1]), sys.argv[2]
    work = tempfile.mkdtemp(prefix="portvakt-applications-e2e-")
    mail = LocalMailbox(os.path.join(work, "mailbox"))
    port, rp_port = free_port(), free_port()
    issuer = f"http://127.0.0.1:{port}"
    redirect_uri = f"http://127.0.0.1:{rp_port}/callback"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTVAKT_")}
    env.update({"PORTVAKT_ISSUER": issuer, "PORTVAKT_LISTEN": f"127.0.0.1:{port}", "PORTVAKT_DATABASE_URL": database_url,
                "PORTVAKT_KEK_FILE": os.path.join(work, "kek"), "PORTVAKT_MAILBOX_DIR": mail.directory,
                "PORTVAKT_BANKID_URL": "simulator", "PORTVAKT_BANKID_IDENTITIES_FILE": IDENTITIES})
    # Unique per run: the PostgreSQL runs share nothing, but a number must never collide with an earlier run's.
    registered, new_shop, second_shop, third_shop = (org_number(f"55{secrets.randbelow(10**7):07d}") for _ in range(4))
    register = os.path.join(work, "register.csv")
    with open(register, "w", encoding="utf-8") as f:
        f.write("customer_number,name,kind,registered_email,pin,org_number\n"
                f"0123436,Pantbutiken,retailer,panta@pantbutiken.se,4711,{registered}\n"
                "0789015,Bryggeriet i Norr,producer,kontakt@bryggeriet-norr.se,,\n")

    def cli(*arguments):
        return subprocess.run([binary, *arguments], cwd=work, env=env, capture_output=True, text=True, timeout=120)

    print(f"e2e applications: {issuer} with the embedded BankID simulator", flush=True)
    imported = cli("businesses", "import", register)
    check("`portvakt businesses import` takes a register with the optional org_number column",
          imported.returncode == 0 and "2 new" in imported.stdout, (imported.stdout, imported.stderr))
    shown = cli("businesses", "show", "0123436")
    check("`portvakt businesses show` prints the organisation number", shown.returncode == 0 and registered in shown.stdout, shown.stdout)
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

        def see(session, answer):
            """The page a redirect leads to."""
            return follow(session, issuer, answer)


        def application_form(session, page, who):
            """Follows the page's "Ny kund?" way (a form that asks for the application form) to the form."""
            way = re.search(r'<form method="get" action="(/account/applications/new|/authorize/business/apply)">', page.text)
            check(f"{who}: the page offers 'Ny kund? Anslut din verksamhet till pantsystemet'",
                  way is not None and ("Ny kund?" in page.text or "New customer?" in page.text), page.text[:2000])
            form = ask(session, issuer, page.text, way.group(1), {})
            check(f"{who}: the application form asks for the organisation number",
                  form.status_code == 200 and 'name="org_number"' in form.text, form.text[:2000])
            return form

        def details(number, name):
            return {"org_number": number, "name": name, "kind": "retailer", "street_address": "Storgatan 1", "postal_code": "123 45",
                    "city": "Umeå", "invoice_email": f"faktura.{secrets.token_hex(3)}@example.se", "phone": "070-123 45 67"}

        def form_action(page):
            action = re.search(r'<form method="post" action="([^"]*(?:/account/applications/new|/authorize/business/apply)[^"]*)"', page.text)
            if not action:
                raise SystemExit(f"no application form on the page:\n{page.text[:2000]}")
            return html.unescape(action.group(1))

        def reference_in(text):
            found = re.search(r"\bA-\d{6}\b", text)
            if not found:
                raise SystemExit(f"no reference number in:\n{text[:2000]}")
            return found.group(0)

        def application_id(reference):
            return int(reference[2:])

        # 0. The reviewer: a BankID account, then a staff role given with the CLI.
        reviewer = browser()
        phone = requests.Session()
        desk = get(reviewer, "/staff")
        check("the desk sends a logged-out browser to the login page with /staff as its return target",
              desk.status_code in (302, 303) and desk.headers.get("Location", "").startswith("/login?"), desk.headers)
        login = see(reviewer, desk)
        bankid_href = re.search(r'href="(/login/bankid\?[^"]+)"', login.text)
        check("the login page offers BankID", bankid_href is not None, login.text[:1500])
        choice = get(reviewer, html.unescape(bankid_href.group(1)))
        same_device = next(hidden for hidden, visible in forms(choice.text, "/login/bankid")
                           if hidden.get("start") == "same-device" and "personal_number" not in visible)
        started = reviewer.post(issuer + "/login/bankid", data=same_device, allow_redirects=False, timeout=10)
        check("BankID on this device starts an order", started.status_code == 303, (started.status_code, started.text[:500]))
        next_page = bankid_on_this_device(reviewer, phone, issuer, started.headers["Location"], ANNA)
        email_page = see(reviewer, get(reviewer, next_page))
        reviewer_address = f"granskare.{secrets.token_hex(3)}@pantsystemet.example"
        code_page = see(reviewer, submit(reviewer, email_page, "/signup/bankid", {"email": reviewer_address}))
        details_page = see(reviewer, submit(reviewer, code_page, "/signup/bankid/code", {"code": code_in(mail.next(reviewer_address))}))
        created = submit(reviewer, details_page, "/signup/bankid/details", {"privacy": "yes"})
        check("the reviewer's BankID account is created", created.status_code == 303, (created.status_code, created.text[:500]))
        landed = get(reviewer, "/staff")
        check("before she has a staff role the desk does not exist for her", landed.status_code == 404, (landed.status_code, landed.text[:500]))
        made = cli("staff", "add", reviewer_address, "--role", "reviewer")
        listed = cli("staff", "list")
        check("`portvakt staff add --role reviewer` and `staff list`", made.returncode == 0 and reviewer_address in listed.stdout
              and "reviewer" in listed.stdout, (made.stdout, made.stderr, listed.stdout))
        queue = get(reviewer, "/staff")
        check("with the role, her BankID session opens the desk's queue", queue.status_code == 200 and "<h1>Ansökningar</h1>" in queue.text, queue.text[:1500])

        # 1. The whole path, from the portal to the business claim.
        karin = browser()
        portal = Portal(portal_registration, karin, PORTAL_SCOPE)
        login = see(karin, portal.answer)
        start = html.unescape(re.search(r'href="(/signup\?request=[^"]+)"', login.text).group(1))
        karin_address = f"karin.{secrets.token_hex(3)}@nyabutiken.example"
        created = sign_up_with_password(karin, issuer, karin_address, "Karin", "Lund", PASSWORD, lambda: mail.next(karin_address), start=start,
                                        lands=f"/authorize/resume?request={portal.request_id}")
        onboarding = see(karin, created)
        check("Karin is taken to 'Koppla konto till verksamhet' inside the flow",
              path_of(onboarding.url).startswith(f"/authorize/business/link?request={portal.request_id}"), onboarding.url)
        form = application_form(karin, onboarding, "in the flow")
        check("the form names the applicant", "Karin Lund" in form.text and karin_address in form.text, form.text[:2000])
        action = form_action(form)
        wrong = submit(karin, form, action, details("556036-0794", "Nya Butiken i Umeå"))
        check("a wrong organisation number is refused at its field",
              wrong.status_code == 400 and re.search(r'id="org_number"[^>]*aria-invalid="true"', wrong.text) is not None
              and 'id="org_number-error"' in wrong.text, (wrong.status_code, wrong.text[:2500]))
        sent = submit(karin, wrong, action, details(new_shop, "Nya Butiken i Umeå"))
        check("the application is sent (post/redirect/get)", sent.status_code == 303, (sent.status_code, sent.text[:1500]))
        status_page = see(karin, sent)
        reference = reference_in(status_page.text)
        check("the flow shows the application's status and reference, with a way back to the portal",
              "inskickad" in status_page.text.lower() and "Avbryt" in status_page.text, status_page.text[:2500])
        received = mail.next(karin_address)
        check("the mail 'Vi har tagit emot din ansökan' carries the reference",
              "Vi har tagit emot din ansökan" in received["Subject"] and reference in received.get_body(("plain",)).get_content(), received["Subject"])

        queue = get(reviewer, "/staff")
        check("the reviewer's queue lists the application", reference in queue.text and "Nya Butiken i Umeå" in queue.text, queue.text[:2500])
        number = application_id(reference)
        page = get(reviewer, f"/staff/applications/{number}")
        check("the application page shows the fields, the applicant and the duplicate checks",
              page.status_code == 200 and new_shop in page.text and karin_address in page.text and "Storgatan 1" in page.text, page.text[:3000])
        question = "Vilken adress har butikens lager?"
        asked = submit(reviewer, page, f"/staff/applications/{number}/request-info", {"message": question})
        check("the reviewer asks for more information", asked.status_code == 303, (asked.status_code, asked.text[:1500]))
        asked_mail = mail.next(karin_address)
        asked_text = asked_mail.get_body(("plain",)).get_content()
        check("the applicant gets the reviewer's question by mail", question in asked_text, asked_text)
        link = re.search(r"(https?://\S+/account/applications/\d+\S*)", asked_text).group(1)
        mine = get(karin, link)
        check("her application's page says more information is requested and shows the question",
              mine.status_code == 200 and "komplettering begärd" in mine.text.lower() and question in mine.text, mine.text[:2500])
        answer_action = f"/account/applications/{number}/answer"
        answered = submit(karin, mine, answer_action, {**details(new_shop, "Nya Butiken i Umeå AB"), "answer": "Lagret ligger på Lagergatan 2."})
        check("the applicant answers and sends it again", answered.status_code == 303, (answered.status_code, answered.text[:1500]))
        check("her page says it is submitted again", "inskickad" in see(karin, answered).text.lower())

        page = get(reviewer, f"/staff/applications/{number}")
        check("the desk shows the answer and the history", "Lagergatan 2" in page.text and question in page.text, page.text[:3000])
        approve_action = f"/staff/applications/{number}/approve"
        asked = submit(reviewer, page, approve_action, {})
        confirm = see(reviewer, asked)
        check("approving has a confirm step: the first press asks again, and the business is not yet in the register",
              asked.status_code == 303 and 'name="confirm" value="yes"' in confirm.text and new_shop not in cli("businesses", "list").stdout,
              confirm.text[:2000])
        approved = submit(reviewer, confirm, approve_action, {"confirm": "yes"})
        result = see(reviewer, approved)
        customer_number = re.search(r"\b(9\d{6})\b", result.text)
        check("the approval shows the new customer number", approved.status_code == 303 and customer_number is not None, result.text[:2500])
        customer_number = customer_number.group(1)
        again = submit(reviewer, confirm, approve_action, {"confirm": "yes"})
        register_now = cli("businesses", "list")
        check("a second click on the approval changes nothing: one business for the organisation number, one customer number",
              again.status_code in (303, 409) and register_now.stdout.count(new_shop) == 1 and register_now.stdout.count(customer_number) == 1,
              (again.status_code, register_now.stdout))
        approved_mail = mail.next(karin_address)
        approved_text = approved_mail.get_body(("plain",)).get_content()
        check("the approval mail names the customer number and links to 'Aktivera verksamhet'",
              customer_number in approved_text and f"/account/businesses/{customer_number}/activate" in approved_text, approved_text)

        waiting = get(karin, f"/authorize/business/link?request={portal.request_id}")
        check("the applicant's flow goes on to 'Aktivera verksamhet'", "Aktivera verksamhet" in waiting.text, waiting.text[:2000])
        activated = submit(karin, waiting, "/authorize/business/link/activate", {})
        token, claims = portal.arrive(karin, activated, "Karin")
        business = claims_of(token["access_token"]).get("business")
        check("the portal gets the new business in the business claim",
              business == {"customer_number": customer_number, "name": "Nya Butiken i Umeå AB", "role": "admin"}, business)

        # 2. Duplicates: an organisation number in the register, and one under review.
        olle = browser()
        olle_address = f"olle.{secrets.token_hex(3)}@example.se"
        sign_up_with_password(olle, issuer, olle_address, "Olle", "Ek", PASSWORD, lambda: mail.next(olle_address))
        form = application_form(olle, get(olle, "/account/businesses"), "in the account console")
        action = form_action(form)
        refused = submit(olle, form, action, details(registered, "Pantbutiken igen"))
        check("an organisation number in the register is refused, leading to linking by customer number",
              refused.status_code == 400 and "/account/businesses" in refused.text and "kundnummer" in refused.text.lower(), refused.text[:2500])
        first = submit(olle, form, action, details(second_shop, "Andra Butiken"))
        check("Olle applies for another number", first.status_code == 303, first.text[:1000])
        second_reference = reference_in(see(olle, first).text)
        eve = browser()
        eve_address = f"eve.{secrets.token_hex(3)}@example.se"
        sign_up_with_password(eve, issuer, eve_address, "Eve", "Holm", PASSWORD, lambda: mail.next(eve_address))
        form = application_form(eve, get(eve, "/account/businesses"), "another account")
        duplicate = submit(eve, form, form_action(form), details(second_shop, "Andra Butiken"))
        check("an organisation number under review says so, without naming who applied",
              duplicate.status_code == 400 and "Olle" not in duplicate.text and olle_address not in duplicate.text, duplicate.text[:2500])
        listed = cli("applications", "list")
        check("`portvakt applications list` lists the open application", listed.returncode == 0 and second_reference in listed.stdout, listed.stdout)
        shown = cli("applications", "show", second_reference)
        check("`portvakt applications show` shows it", shown.returncode == 0 and "Andra Butiken" in shown.stdout and olle_address in shown.stdout,
              shown.stdout)
        rejected = cli("applications", "reject", second_reference, "--reason", "Verksamheten säljer inga förpackningar med pant.")
        check("`portvakt applications reject` rejects it", rejected.returncode == 0, (rejected.stdout, rejected.stderr))
        history = cli("applications", "show", second_reference)
        check("its history names the actor cli", "cli" in history.stdout, history.stdout)
        rejected_mail = mail.next(olle_address)  # the receipt
        rejected_mail = mail.next(olle_address)
        check("the applicant is mailed the reason", "inga förpackningar med pant" in rejected_mail.get_body(("plain",)).get_content())

        # 3. A rejection at the desk, with a standard reason, reaches an English applicant in English.
        emma = browser("en")
        emma_address = f"emma.{secrets.token_hex(3)}@example.com"
        sign_up_with_password(emma, issuer, emma_address, "Emma", "Stone", PASSWORD, lambda: mail.next(emma_address))
        form = application_form(emma, get(emma, "/account/businesses"), "an English account")
        check("the form is in English", "New customer?" in get(emma, "/account/businesses").text and "Organisation number" in form.text, form.text[:1500])
        sent = submit(emma, form, form_action(form), details(third_shop, "Third Shop"))
        emma_reference = reference_in(see(emma, sent).text)
        receipt = mail.next(emma_address)
        check("the receipt is in English", "We have received your application" in receipt["Subject"], receipt["Subject"])
        page = get(reviewer, f"/staff/applications/{application_id(emma_reference)}")
        reasons = re.findall(r'<input type="radio" id="[^"]+" name="reason" value="([^"]+)"', page.text)
        check("the reject form offers standard reasons", len(reasons) >= 2, page.text[:3000])
        standard = next(reason for reason in reasons if reason)
        done = submit(reviewer, page, f"/staff/applications/{application_id(emma_reference)}/reject", {"reason": standard})
        check("the reviewer rejects with a standard reason", done.status_code == 303, (done.status_code, done.text[:1500]))
        rejection = mail.next(emma_address)
        check("the rejection mail is in English, with the reason", "has been rejected" in rejection["Subject"], rejection["Subject"])
        mine = get(emma, f"/account/applications/{application_id(emma_reference)}")
        check("her page says it is rejected", "rejected" in mine.text.lower(), mine.text[:2000])
        stop_cleanly(server)
    print(f"e2e applications: all {len(CHECKS)} checks passed", flush=True)


if __name__ == "__main__":
    main()
