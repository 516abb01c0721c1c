#!/usr/bin/env python3
"""The demo portal "Mina sidor" (built on the PortvaktRelyingParty kit) against the real Portvakt binary.

Starts `portvakt serve` (mail in its local mailbox folder, the embedded BankID simulator, keys reloaded every
second) and `portvakt-demo-portal` beside it, registered as the demo client exactly as scripts/run does. The portal
is at http://localhost:<port>, Portvakt at http://127.0.0.1:<port>, so their cookies stay apart. Every browser is a
requests.Session of its own.

  1. a new shop owner (e-mail + password) comes from the portal, links Pantbutiken inside the login and lands on
     the portal's start page with her name, the business, its role and the business acted for;
  2. a new user logs in to the portal with BankID through the simulator (QR code read from the page), signs up,
     links Kiosken vid torget, and sees it on the portal;
  3. the administrator lists Pantbutiken's members on the portal and invites the BankID user as a colleague through
     Portvakt's API; the invitation mail arrives and the colleague accepts it;
  4. the colleague, acting for Pantbutiken as a user, gets the portal's 403 page on the administrator's page;
  5. `portvakt keys rotate`, and after the new key's promotion the portal keeps working: the old session refreshes
     its tokens (now signed by the new key) and a new login verifies;
  6. "Logga ut" goes through Portvakt's end_session_endpoint and back to the portal, logged out.

Every wait is bounded.

usage: portal.py PORTVAKT_BINARY DATABASE_URL REGISTER_CSV
"""
import contextlib
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

import requests
from bankid import forms, read_qr
from common import (CHECKS, IDENTITIES, LocalMailbox, ask, check, code_in, free_port, hidden_fields, log_in_with_password, serving,
                    sign_up_with_password, stop_cleanly)

PASSWORD = "en lång mening om pant och burkar"
ANNA = "199001012385"
SCOPES = "openid profile email memberships business memberships:manage offline_access"


def main():
    binary, database_url, register = os.path.abspath(sys.argv[1]), sys.argv[2], os.path.abspath(sys.argv[3])
    portal_binary = os.path.join(os.path.dirname(binary), "portvakt-demo-portal")
    work = tempfile.mkdtemp(prefix="portvakt-portal-e2e-")
    mail = LocalMailbox(os.path.join(work, "mailbox"))
    port, portal_port = free_port(), free_port()
    issuer, portal = f"http://127.0.0.1:{port}", f"http://localhost:{portal_port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTVAKT_") and not k.startswith("DEMO_PORTAL_")}
    # Access tokens live 120 s: after the key's promotion (61 s) a page view refreshes them (the kit's margin is 60 s).
    env.update({"PORTVAKT_ISSUER": issuer, "PORTVAKT_LISTEN": f"127.0.0.1:{port}", "PORTVAKT_DATABASE_URL": database_url,
                "PORTVAKT_KEK_FILE": os.path.join(work, "kek"), "PORTVAKT_MAILBOX_DIR": mail.directory, "PORTVAKT_KEY_REFRESH_INTERVAL": "1",
                "PORTVAKT_JWKS_MAX_AGE": "60", "PORTVAKT_ACCESS_TOKEN_LIFETIME": "120",
                "PORTVAKT_BANKID_URL": "simulator", "PORTVAKT_BANKID_IDENTITIES_FILE": IDENTITIES})

    def cli(*arguments):
        return subprocess.run([binary, *arguments], cwd=work, env=env, capture_output=True, text=True, timeout=120)

    print(f"e2e portal: Portvakt at {issuer}, the demo portal at {portal}", flush=True)
    check("`portvakt businesses import` imports the demo register", cli("businesses", "import", register).returncode == 0)
    # On PostgreSQL a second node shares the database: a session ended there reaches the portal as well (whichever
    # node's worker claims the logout delivers it).
    second_work = tempfile.mkdtemp(prefix="portvakt-portal-e2e-node2-")
    second_port = free_port()
    second = f"http://127.0.0.1:{second_port}" if database_url.startswith("postgres") else None
    with serving(binary, env, work, issuer) as server, \
            (serving(binary, dict(env, PORTVAKT_LISTEN=f"127.0.0.1:{second_port}"), second_work, second) if second else contextlib.nullcontext()):
        added = cli("clients", "add", "--id", "demo", "--name", "Mina sidor (demo)", "--redirect-uri", f"{portal}/callback",
                    "--post-logout-redirect-uri", f"{portal}/",
                    "--backchannel-logout-uri", f"{portal}/backchannel-logout", "--first-party", *[a for s in SCOPES.split() for a in ("--scope", s)], "--json")
        check("the demo client is registered as scripts/run does", added.returncode == 0, added.stderr)
        client_file = os.path.join(work, "demo-client.json")
        with open(client_file, "w") as f:
            f.write(added.stdout)
        portal_env = dict(env, DEMO_PORTAL_ISSUER=issuer, DEMO_PORTAL_URL=portal, DEMO_PORTAL_LISTEN=f"127.0.0.1:{portal_port}",
                          DEMO_PORTAL_CLIENT_FILE=client_file)
        portal_log = open(os.path.join(work, "portal.log"), "ab")
        processes = [subprocess.Popen([portal_binary], cwd=work, env=portal_env, stdout=portal_log, stderr=subprocess.STDOUT)]

        def restart_portal(down_for):
            """Stops the portal, runs `down_for()` while it is down, and starts it again."""
            processes[-1].terminate()
            processes[-1].wait(timeout=20)
            down_for()
            processes.append(subprocess.Popen([portal_binary], cwd=work, env=portal_env, stdout=portal_log, stderr=subprocess.STDOUT))

        try:
            run(issuer, portal, mail, cli, os.path.join(work, "server.log"), restart_portal, os.path.join(work, "portal.log"), second)
            portal_process = processes[-1]
            portal_process.terminate()
            check("the portal stops cleanly on SIGTERM", portal_process.wait(timeout=20) == 0)
        except BaseException:
            print("--- portal.log\n" + open(os.path.join(work, "portal.log"), errors="replace").read()[-4000:])
            for node_work in [work] + ([second_work] if second else []):
                lines = open(os.path.join(node_work, "server.log"), errors="replace").read().splitlines()
                notable = [line for line in lines if re.search(r"back-channel|warning|error|critical", line, re.I)]
                print(f"--- {node_work}/server.log: {len(lines)} lines, the notable ones last\n" + "\n".join(notable[-40:]))
            raise
        finally:
            for process in processes:
                if process.poll() is None:
                    process.kill()
                    process.wait()
        stop_cleanly(server)
    print(f"e2e portal: all {len(CHECKS)} checks passed", flush=True)


def wait_for_portal(portal):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(portal + "/", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise SystemExit("the portal did not answer within 30 s")


def run(issuer, portal, mail, cli, server_log, restart_portal, portal_log, second):
    wait_for_portal(portal)

    def go(session, url, limit=15):
        """Follows redirects between the portal and Portvakt; returns the last answer (a page)."""
        answer = session.get(url, allow_redirects=False, timeout=20)
        for _ in range(limit):
            location = answer.headers.get("Location")
            if answer.status_code not in (301, 302, 303) or not location:
                return answer
            answer = session.get(urllib.parse.urljoin(answer.url, location), allow_redirects=False, timeout=20)
        raise SystemExit(f"more than {limit} redirects from {url}")

    def submit(session, page, action, fields):
        return session.post(issuer + action, data={**hidden_fields(page.text, action), **fields}, allow_redirects=False, timeout=20)

    def follow_on(session, answer):
        location = answer.headers.get("Location", "")
        return go(session, urllib.parse.urljoin(answer.url, location)) if answer.status_code in (301, 302, 303) else answer

    start = requests.get(portal + "/", timeout=10)
    check("the portal's start page offers 'Logga in'", start.status_code == 200 and 'href="/login">Logga in' in start.text, start.text[:500])
    check("the portal's pages cannot be framed by another site",
          start.headers.get("X-Frame-Options") == "DENY" and "frame-ancestors 'none'" in start.headers.get("Content-Security-Policy", ""), start.headers)

    # 1. A shop owner with e-mail + password, linking Pantbutiken inside the login.
    karin = requests.Session()
    karin_address = f"karin.{secrets.token_hex(3)}@pantbutiken.example"
    login = go(karin, portal + "/login")
    check("'Logga in' leads to Portvakt's login page", login.url.startswith(issuer + "/login?request="), login.url)
    signup = html.unescape(re.search(r'href="(/signup\?request=[^"]+)"', login.text).group(1))
    created = sign_up_with_password(karin, issuer, karin_address, "Karin", "Lund", PASSWORD, lambda: mail.next(karin_address), start=signup,
                                    lands=None)
    onboarding = follow_on(karin, created)
    check("Karin is asked to link a business inside the login", "Koppla konto till verksamhet" in onboarding.text, onboarding.text[:500])
    linked = submit(karin, ask(karin, issuer, onboarding.text, "/authorize/business/link", {"customer_number": "0123436"}),
                    "/authorize/business/link/pin", {"pin": "4711"})
    confirm = follow_on(karin, linked)
    landed = follow_on(karin, submit(karin, confirm, "/authorize/business/link/activate", {}))
    check("Karin lands on the portal's start page", landed.url == portal + "/" and landed.status_code == 200, (landed.url, landed.text[:500]))
    check("the portal shows her name, Pantbutiken, its role and the business acted for",
          'id="name">Karin Lund<' in landed.text and "<td>Pantbutiken</td><td>0123436</td><td>Butik</td><td>Administratör</td>" in landed.text
          and "Du agerar för <strong>Pantbutiken</strong> (0123436) som Administratör" in landed.text, landed.text)

    # 2. BankID through the simulator: the QR code on the page, read as a phone does.
    anna = requests.Session()
    phone = requests.Session()
    login = go(anna, portal + "/login")
    bankid_href = html.unescape(re.search(r'href="(/login/bankid\?request=[^"]+)"', login.text).group(1))
    started = anna.get(issuer + bankid_href, allow_redirects=False, timeout=10)
    order_url = started.headers.get("Location", "")
    order_page = anna.get(issuer + order_url, timeout=10)
    qr = html.unescape(re.search(r'<img id="bankid-qr" class="qr" src="([^"]+)"', order_page.text).group(1))
    opened = phone.post(f"{issuer}/bankid-simulator/app/open", json={"qr": read_qr(anna.get(issuer + qr, timeout=10).text)}, timeout=10)
    phone.post(f"{issuer}/bankid-simulator/app/sessions/{opened.json()['session']}/identify",
               json={"personalNumber": ANNA, "personalCode": "123456"}, timeout=10)
    order_id = urllib.parse.parse_qs(urllib.parse.urlparse(order_url).query)["id"][0]
    deadline, next_page = time.monotonic() + 30, None
    while time.monotonic() < deadline and not next_page:
        status = anna.get(f"{issuer}/login/bankid/status?id={order_id}", timeout=10).json()
        next_page = status.get("next")
        time.sleep(0.3)
    check("the simulated BankID app completes the order", next_page is not None)
    email_page = go(anna, issuer + next_page)
    check("the new BankID user goes on to sign-up with the name from BankID", "Anna Testsson" in email_page.text, email_page.text[:500])
    anna_address = f"anna.{secrets.token_hex(3)}@kiosken.example"
    code_page = submit(anna, email_page, "/signup/bankid", {"email": anna_address})
    code_page = follow_on(anna, code_page)
    details = follow_on(anna, submit(anna, code_page, "/signup/bankid/code", {"code": code_in(mail.next(anna_address))}))
    onboarding = follow_on(anna, submit(anna, details, "/signup/bankid/details", {"privacy": "yes"}))
    linked = submit(anna, ask(anna, issuer, onboarding.text, "/authorize/business/link", {"customer_number": "0456712"}),
                    "/authorize/business/link/pin", {"pin": "2580"})
    landed = follow_on(anna, submit(anna, follow_on(anna, linked), "/authorize/business/link/activate", {}))
    check("the BankID user lands on the portal with Kiosken vid torget",
          landed.url == portal + "/" and 'id="name">Anna Testsson<' in landed.text and "Du agerar för <strong>Kiosken vid torget</strong>" in landed.text,
          (landed.url, landed.text[:1500]))

    # 3. The administrator's page: members, and an invitation through Portvakt's API.
    admin = karin.get(portal + "/admin", timeout=20)
    check("the administrator's page lists Pantbutiken's members", admin.status_code == 200 and karin_address in admin.text, admin.text[:1500])
    token = re.search(r'name="form_token" value="([^"]+)"', admin.text).group(1)
    forged = karin.post(portal + "/admin/invite", data={"form_token": "forged", "email": anna_address, "role": "user"}, timeout=20)
    check("an invitation without the form's token is refused", forged.status_code == 403, forged.status_code)
    invited = karin.post(portal + "/admin/invite", data={"form_token": token, "email": anna_address, "role": "user"}, timeout=20)
    check("the administrator invites a colleague through the portal",
          invited.status_code == 200 and f"En inbjudan har skickats till {anna_address}" in invited.text
          and f"<li>{anna_address}: Användare, pending</li>" in invited.text, invited.text[:2000])
    link = re.search(r"(https?://\S+token=\S+)", mail.next(anna_address).get_body(("plain",)).get_content()).group(1)
    offer = anna.get(link, timeout=10)
    accepted = submit(anna, offer, "/invitations/accept", {})
    check("the colleague accepts the invitation at Portvakt", accepted.status_code == 303, (accepted.status_code, accepted.text[:500]))

    # 4. The colleague acts for Pantbutiken as a user: the administrator's page is a 403.
    picker = go(anna, portal + "/login")
    choice = [hidden for hidden, _ in forms(picker.text, "/authorize/business") if hidden.get("business") == "0123436"]
    check("with two businesses the colleague picks one during the login", len(choice) == 1, picker.text[:1500])
    landed = follow_on(anna, anna.post(issuer + "/authorize/business", data=choice[0], allow_redirects=False, timeout=10))
    check("the portal shows the colleague acting for Pantbutiken as Användare",
          "Du agerar för <strong>Pantbutiken</strong> (0123436) som Användare" in landed.text, landed.text[:1500])
    refused = anna.get(portal + "/admin", timeout=20)
    check("a user gets the portal's clear 403 page", refused.status_code == 403 and "Bara en administratör" in refused.text, refused.text[:800])

    # 5. Key rotation and promotion: the portal keeps verifying, without a restart.
    before = {k["alg"]: k["kid"] for k in json.loads(cli("keys", "list", "--json").stdout) if k["state"] == "active"}
    rotated = cli("keys", "rotate", "--alg", "RS256")
    check("`portvakt keys rotate --alg RS256` pre-publishes a new key", rotated.returncode == 0, rotated.stderr)
    deadline, after = time.monotonic() + 120, before
    while time.monotonic() < deadline and after.get("RS256") == before.get("RS256"):
        time.sleep(2)
        after = {k["alg"]: k["kid"] for k in json.loads(cli("keys", "list", "--json").stdout) if k["state"] == "active"}
    check("the new RS256 key is promoted and signs", after.get("RS256") != before.get("RS256"), after)
    time.sleep(2)  # every node's key ring has reloaded

    def token_grants():
        with open(server_log, errors="replace") as log:
            return sum(" POST /token 200 " in line for line in log)

    grants = token_grants()
    page = karin.get(portal + "/", timeout=20)
    deadline = time.monotonic() + 5  # the request's log line is written as its answer leaves
    while token_grants() == grants and time.monotonic() < deadline:
        time.sleep(0.2)
    check("the old session refreshes its tokens, now signed by the new key, and stays logged in",
          page.status_code == 200 and 'id="name">Karin Lund<' in page.text and token_grants() == grants + 1, (grants, token_grants(), page.text[:800]))
    again = requests.Session()
    login = go(again, portal + "/login")
    done, _, _ = log_in_with_password(again, issuer, login, karin_address, PASSWORD, lambda: mail.next(karin_address))
    landed = follow_on(again, done)
    check("a new login after the promotion verifies with the new key", landed.url == portal + "/" and 'id="name">Karin Lund<' in landed.text,
          (landed.url, landed.text[:800]))

    # 6. Logga ut: RP-initiated logout through Portvakt, back to the portal.
    def deliveries():
        return open(portal_log, errors="replace").read().count("back-channel logout from Portvakt: 200")

    def wait_for_delivery(before, seconds=20):
        """Waits for a back-channel logout delivered after `before` deliveries. 20 s allows a failed first delivery
        and its retries after 2, 4 and 8 s."""
        started, deadline = time.monotonic(), time.monotonic() + seconds
        while deliveries() <= before and time.monotonic() < deadline:
            time.sleep(0.2)
        print(f"       (a back-channel logout after {time.monotonic() - started:.1f} s)", flush=True)
        return deliveries() > before

    delivered = deliveries()
    token = re.search(r'name="form_token" value="([^"]+)"', landed.text).group(1)
    out = again.post(portal + "/logout", data={"form_token": token}, allow_redirects=False, timeout=20)
    check("'Logga ut' goes to Portvakt's end_session_endpoint with id_token_hint",
          out.status_code == 302 and out.headers.get("Location", "").startswith(issuer + "/logout?id_token_hint="), out.headers)
    back = follow_on(again, out)
    check("and back to the portal's start page, logged out", back.url == portal + "/" and 'href="/login">Logga in' in back.text, (back.url, back.text[:500]))
    check("Portvakt's session has ended too", again.get(issuer + "/account", allow_redirects=False, timeout=10).status_code == 302)
    # The portal started that logout, and is told of it by back-channel too; counted here, so that the waits below
    # cannot take this delivery for theirs.
    check("the portal is told of its own logout by back-channel as well", wait_for_delivery(delivered))

    # 7. Back-channel logout: when a session ends at Portvakt, or a member is removed, the portal is told.
    check("Anna is logged in to the portal, acting for Pantbutiken", "Du agerar för <strong>Pantbutiken</strong>" in anna.get(portal + "/", timeout=20).text)
    admin = karin.get(portal + "/admin", timeout=20)
    removal = [body for body in re.findall(r'<form method="post" action="/admin/remove">(.*?)</form>', admin.text, re.S) if "Ta bort Anna" in body]
    check("the administrator's page offers to remove Anna", len(removal) == 1, admin.text[:2000])
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', removal[0]))
    before = deliveries()
    removed = karin.post(portal + "/admin/remove", data=fields, timeout=20)
    check("Karin removes Anna through the portal (Portvakt's API)", "Användaren har tagits bort." in removed.text, removed.text[:1500])
    check("Anna's portal session ends within seconds (back-channel logout after her removal)",
          wait_for_delivery(before) and 'href="/login">Logga in' in anna.get(portal + "/", timeout=10).text)

    before = deliveries()
    node = second or issuer
    page = go(karin, node + "/logout")
    confirmed = karin.post(node + "/logout", data={**hidden_fields(page.text, "/logout"), "confirm": "yes"}, allow_redirects=False, timeout=20)
    check("Karin logs out at Portvakt itself" + (" (at the second node)" if second else ""), confirmed.status_code in (200, 302, 303), (confirmed.status_code, confirmed.text[:300]))
    check("her portal session ends within seconds (back-channel logout)",
          wait_for_delivery(before) and 'href="/login">Logga in' in karin.get(portal + "/", timeout=10).text)

    # A portal that is down when the session ends gets its logout token once it is back.
    landed = follow_on(anna, go(anna, portal + "/login"))
    check("Anna logs in to the portal again", 'id="name">Anna Testsson<' in landed.text, landed.text[:800])
    delivered_before = deliveries()

    def log_out_anna_at_portvakt():
        page = go(anna, issuer + "/logout")
        check("while the portal is down, Anna logs out at Portvakt", submit(anna, page, "/logout", {"confirm": "yes"}).status_code in (200, 302, 303))
        time.sleep(3)

    restart_portal(log_out_anna_at_portvakt)
    wait_for_portal(portal)
    check("the portal gets the logout token after it comes back", wait_for_delivery(delivered_before, seconds=30))


if __name__ == "__main__":
    main()
