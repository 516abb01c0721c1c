#!/usr/bin/env python3
"""The pages in a real browser: Chromium headless (Debian's `chromium` and `chromium-driver`) driven by Selenium,
through the real binary, with axe-core checking every page state against WCAG 2.2 AA.

One server (mail in its local mailbox folder, the embedded BankID simulator) and a register of its own. Each person
is a browser of their own (cookies kept apart). It walks:

  1. the customer guide's steps in Swedish, at 1280×800 and again at 390×844: sign up with e-mail and password
     (the six-digit code from the mail, the privacy policy), link the business by customer number and PIN (with a
     double click on "Koppla", which must leave it linked and not activated), become its administrator, activate it
     (with its confirm step), invite a colleague, the colleague accepts, change the colleague's role; with the error
     states on the way (a wrong code, a missing consent, a wrong PIN, a business that already has an administrator);
  2. the administrator's page with a used, a revoked and an expired invitation (expired by ageing its row in the
     SQLite database, since a test cannot wait a week);
  3. the login and business pages in English;
  4. BankID sign-up by QR code: the code read from the page's image and given to the simulator's app, as a phone does;
     that account is then made a reviewer (`portvakt staff add`), and a new customer's application and the staff desk
     are walked at 1280×800 in Swedish and at 390×844 in English: the form (a wrong organisation number), the
     confirmation, the queue, the application at the desk, a question, the answer, the approval's confirm step, the
     approved application, a withdrawal's confirm step, and a rejection without a reason;
  5. a keyboard-only walk (Tab and Enter only) of sign-up and linking, and of an application and its approval at the
     desk;
  6. logging out, and the logged-out page's way back.

On every page state it runs axe-core (the `axe.min.js` of the pinned `axe-playwright-python` wheel; only its
JavaScript is used) with the WCAG 2.0/2.1/2.2 A and AA rules and the best practices, checks that no id is used twice
(axe 4 no longer does), and keeps a full-page screenshot. The screenshots are kept in $PORTVAKT_BROWSER_ARTIFACTS,
else in a new folder under the temp dir whose path is printed at the start and the end. Any axe violation fails the
run, listed with its rule, impact and elements.

usage: browser.py PORTVAKT_BINARY sqlite:///PATH/TO/DB.sqlite
"""
import base64
import html
import importlib.util
import os
import re
import secrets
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

import requests
from common import CHECKS, IDENTITIES, LocalMailbox, check, code_in, free_port, org_number, serving, stop_cleanly
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

PASSWORD = "en lång mening om pant och burkar"
ANNA = "199001012385"
DESKTOP, PHONE = (1280, 800), (390, 844)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# The browser test's own register: a retailer for each walk, a producer, and one that already has an administrator.
REGISTER = """customer_number,name,kind,registered_email,pin
0123436,Pantbutiken,retailer,panta@pantbutiken.se,4711
0456712,Kiosken vid torget,retailer,info@kiosken-torget.se,2580
0555123,Hörnbutiken,retailer,info@hornbutiken.se,3141
0789015,Bryggeriet i Norr,producer,kontakt@bryggeriet-norr.se,
"""


def axe_source():
    """The axe-core script shipped inside the pinned axe-playwright-python wheel (installed without its
    dependencies: only the JavaScript is used)."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("axe-playwright-python is not installed: run scripts/test (it installs scripts/e2e/requirements-nodeps.txt)")
    with open(os.path.join(list(spec.submodule_search_locations)[0], "axe.min.js"), encoding="utf-8") as f:
        return f.read()


class Audit:
    """Every page state: axe-core, the duplicate-id check, and a full-page screenshot."""

    def __init__(self, folder):
        self.folder = folder
        self.source = axe_source()
        self.states = 0
        self.violations = []

    def run_axe(self, driver):
        if not driver.execute_script("return typeof window.axe !== 'undefined'"):
            driver.execute_script(self.source)
        return driver.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
            ".then(function (r) { done(r.violations.map(function (v) { return {id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.map(function (n) { return n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\\n/g, ' '); })}; })); })"
            ".catch(function (e) { done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]); });",
            AXE_TAGS)

    def self_test(self, browser):
        """axe must find the problems the issue found: an empty button and an aria-errormessage without a live region."""
        browser.driver.get("data:text/html;charset=utf-8," + urllib.parse.quote(
            '<!doctype html><html lang="en"><head><title>axe self-test</title></head><body><main><h1>Self-test</h1>'
            '<form><button type="submit"></button><label for="x">X</label>'
            '<input id="x" aria-invalid="true" aria-errormessage="x-error"><p id="x-error">Wrong</p></form></main></body></html>'))
        found = {violation["id"] for violation in self.run_axe(browser.driver)}
        check("axe-core reports an empty button and an aria-errormessage without a live region on a page made to have them",
              {"button-name", "aria-valid-attr-value"} <= found, found)

    def __call__(self, browser, state):
        driver = browser.driver
        self.states += 1
        name = f"{self.states:03d}-{browser.name}-{re.sub(r'[^a-z0-9]+', '-', state.lower()).strip('-')}.png"
        metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        size = metrics["cssContentSize"]
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
        with open(os.path.join(self.folder, name), "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        result = self.run_axe(driver)
        duplicates = driver.execute_script(
            "var seen = {}, twice = [];"
            "document.querySelectorAll('[id]').forEach(function (e) { if (seen[e.id]) twice.push(e.id); seen[e.id] = true; });"
            "return twice;")
        if duplicates:
            result.append({"id": "duplicate-id", "impact": "serious", "help": "ids must be unique (label[for] points at the first)",
                           "nodes": sorted(set(duplicates))})
        for violation in result:
            self.violations.append((state, browser.name, driver.current_url, violation))
            print(f"  AXE  {browser.name} {state}: {violation['id']} ({violation['impact']}): {violation['help']}", flush=True)
            for node in violation["nodes"][:5]:
                print(f"         {node}", flush=True)
        if not result:
            print(f"  a11y {browser.name} {state}: no violations ({name})", flush=True)


class Browser:
    """One person's Chromium (a profile of its own) at one window size."""

    def __init__(self, issuer, audit, name, size, language="sv"):
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ("--headless=new", f"--window-size={size[0]},{size[1]}", "--no-sandbox", "--disable-dev-shm-usage",
                         "--disable-gpu", f"--lang={language}", "--no-first-run", "--password-store=basic"):
            options.add_argument(argument)
        options.add_experimental_option("prefs", {"intl.accept_languages": language})
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.set_page_load_timeout(30)
        self.driver.set_script_timeout(30)
        if size == PHONE:
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                        {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": True})
        self.issuer, self.audit, self.name = issuer, audit, name

    def go(self, path):
        self.driver.get(urllib.parse.urljoin(self.issuer, path))

    def path(self):
        parts = urllib.parse.urlparse(self.driver.current_url)
        return parts.path + ("?" + parts.query if parts.query else "")

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def form(self, action):
        return self.driver.find_element(By.CSS_SELECTOR, f'form[action="{action}"]')

    def fill(self, action, **fields):
        form = self.form(action)
        for name, value in fields.items():
            field = form.find_element(By.NAME, name)
            if field.get_attribute("type") == "checkbox":
                if field.is_selected() != bool(value):
                    field.click()
            elif field.tag_name == "select":
                field.find_element(By.CSS_SELECTOR, f'option[value="{value}"]').click()
            else:
                field.clear()
                field.send_keys(value)
        return form

    def submit(self, action, **fields):
        """Fills the form that posts to `action` and clicks its button, and waits for the next page."""
        form = self.fill(action, **fields)
        button = form.find_element(By.CSS_SELECTOR, "button[type=submit]")
        self.click_and_wait(button)

    def click_and_wait(self, element, double=False):
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        if double:
            ActionChains(self.driver).double_click(element).perform()
        else:
            element.click()
        self.wait(lambda: self.stale(old), "the next page")

    def stale(self, element):
        try:
            element.tag_name
            return False
        except Exception:
            return True

    def click_link(self, text):
        self.click_and_wait(self.driver.find_element(By.PARTIAL_LINK_TEXT, text))

    def wait(self, condition, what, seconds=20):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if condition():
                    return
            except Exception:
                pass
            time.sleep(0.1)
        raise SystemExit(f"{self.name}: waited {seconds} s for {what} at {self.driver.current_url}:\n{self.text()[:1500]}")

    def wait_path(self, prefix, seconds=30):
        self.wait(lambda: self.path().startswith(prefix) and self.driver.execute_script("return document.readyState") == "complete",
                  f"a page at {prefix}", seconds)

    def check(self, state):
        self.audit(self, state)

    # Keyboard only: Tab moves, Enter submits or follows, typing goes to the active element.
    def tab_to(self, css, limit=60):
        for _ in range(limit):
            if self.driver.execute_script("var a = document.activeElement; return a !== null && a.matches(arguments[0])", css):
                return self.driver.switch_to.active_element
            ActionChains(self.driver).send_keys(Keys.TAB).perform()
        raise SystemExit(f"{self.name}: Tab never reached {css} at {self.driver.current_url}:\n{self.text()[:1500]}")

    def keys(self, *keys):
        ActionChains(self.driver).send_keys(*keys).perform()

    def quit(self):
        self.driver.quit()


def main():
    binary, database_url = os.path.abspath(sys.argv[1]), sys.argv[2]
    if not database_url.startswith("sqlite://"):
        raise SystemExit("browser.py runs on SQLite (it ages an invitation in the database file)")
    database_path = database_url[len("sqlite://"):]
    work = tempfile.mkdtemp(prefix="portvakt-browser-e2e-")
    artifacts = os.environ.get("PORTVAKT_BROWSER_ARTIFACTS") or tempfile.mkdtemp(prefix="portvakt-browser-screenshots-")
    os.makedirs(artifacts, exist_ok=True)
    register = os.path.join(work, "register.csv")
    with open(register, "w", encoding="utf-8") as f:
        f.write(REGISTER)
    mail = LocalMailbox(os.path.join(work, "mailbox"))
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTVAKT_")}
    env.update({"PORTVAKT_ISSUER": issuer, "PORTVAKT_LISTEN": f"127.0.0.1:{port}", "PORTVAKT_DATABASE_URL": database_url,
                "PORTVAKT_KEK_FILE": os.path.join(work, "kek"), "PORTVAKT_MAILBOX_DIR": mail.directory,
                "PORTVAKT_BANKID_URL": "simulator", "PORTVAKT_BANKID_IDENTITIES_FILE": IDENTITIES})
    audit = Audit(artifacts)
    browsers = []

    def person(name, size=DESKTOP, language="sv"):
        browser = Browser(issuer, audit, name, size, language)
        browsers.append(browser)
        return browser

    print(f"e2e browser: {issuer}, Chromium headless; screenshots in {artifacts}", flush=True)
    imported = subprocess.run([binary, "businesses", "import", register], cwd=work, env=env, capture_output=True, text=True, timeout=120)
    check("the browser test's register is imported", imported.returncode == 0, (imported.stdout, imported.stderr))
    try:
        audit.self_test(person("self-test", DESKTOP))
        with serving(binary, env, work, issuer) as server:
            guide_walk(person, mail, "desktop", DESKTOP, "0123436", "4711", "Pantbutiken")
            owner = guide_walk(person, mail, "phone", PHONE, "0456712", "2580", "Kiosken vid torget")
            invitations_page(owner, mail, database_path, "0456712")
            english(person, mail)
            reviewer, reviewer_address = bankid_qr(person, mail, issuer)
            made = subprocess.run([binary, "staff", "add", reviewer_address, "--role", "reviewer"], cwd=work, env=env, capture_output=True,
                                  text=True, timeout=120)
            check("the BankID account is made a reviewer with `portvakt staff add`", made.returncode == 0, (made.stdout, made.stderr))
            applications_walk(person, mail, reviewer, "desktop", DESKTOP, "sv", "5560360793")
            applications_walk(person, mail, reviewer, "phone", PHONE, "en", "2120000142")
            keyboard_walk(person, mail)
            desk_keyboard_walk(person, mail, reviewer)
            logged_out(owner)
            stop_cleanly(server)
        themed(binary, env, work, person, artifacts)
    finally:
        for browser in browsers:
            try:
                browser.quit()
            except Exception:
                pass
    for state, name, url, violation in audit.violations:
        print(f"  violation: {name} {state} ({url}): {violation['id']} ({violation['impact']}) {violation['help']}", flush=True)
    check(f"axe-core finds no WCAG 2.2 AA violation on any of the {audit.states} page states", not audit.violations,
          f"{len(audit.violations)} violations, listed above")
    print(f"e2e browser: all {len(CHECKS)} checks passed; {audit.states} screenshots in {artifacts}", flush=True)


def sign_up(browser, mail, address, given, family, errors=True):
    """/login → "Skapa konto" → the address, the mailed code, the password, the name and the privacy policy."""
    browser.go("/login")
    browser.check("login page")
    browser.click_link("Skapa konto")
    check(f"{browser.name}: 'Skapa konto' leads to the sign-up page", browser.path().startswith("/signup"), browser.path())
    browser.check("sign-up: e-mail")
    browser.submit("/signup", email=address)
    check(f"{browser.name}: the code page uses the guide's words",
          "Verifieringskoden har skickats till din inkorg" in browser.text(), browser.text()[:800])
    browser.check("sign-up: code")
    code = code_in(mail.next(address))
    if errors:
        wrong = "000000" if code != "000000" else "111111"
        browser.submit("/signup/code", code=wrong)
        browser.check("sign-up: wrong code (error)")
    browser.submit("/signup/code", code=code)
    browser.check("sign-up: details")
    if errors:
        # The button carries the acceptance; a form posted without it (as a script might) is refused with a message.
        browser.driver.execute_script("arguments[0].removeAttribute('name')",
                                      browser.form("/signup/details").find_element(By.CSS_SELECTOR, "button[type=submit]"))
        browser.submit("/signup/details", password=PASSWORD, given_name=given, family_name=family)
        check(f"{browser.name}: without the privacy policy the details page stays, with an error", browser.path().startswith("/signup"),
              browser.path())
        browser.check("sign-up: details without consent (error)")
    browser.submit("/signup/details", password=PASSWORD, given_name=given, family_name=family)
    browser.wait_path("/account")
    check(f"{given} signs up and lands on the account page", browser.path().startswith("/account"), browser.path())
    check(f"{given}: the account page names this session's browser, system and address",
          re.search(r"Chrome (på|on) Linux · .*(från|from) 127\.0\.0\.1", browser.text()) is not None, browser.text()[:1500])
    browser.check("account page after sign-up")


def sign_up_quietly(browser, mail, address, given, family):
    """From the sign-up page the browser is on: the address, the mailed code, the password and the name, without the
    error states `sign_up` walks; lands on the account page."""
    browser.submit("/signup", email=address)
    browser.submit("/signup/code", code=code_in(mail.next(address)))
    browser.submit("/signup/details", password=PASSWORD, given_name=given, family_name=family)
    browser.wait_path("/account")


def guide_walk(person, mail, label, size, number, pin, business):
    """The customer guide's steps in Swedish at one window size. Returns the owner's browser."""
    owner = person(f"{label}-owner", size)
    tag = secrets.token_hex(3)
    address = f"karin.{tag}@{label}.example"
    sign_up(owner, mail, address, "Karin", "Lund")
    owner.click_link("Koppla konto till verksamhet")
    check(f"{label}: 'Koppla konto till verksamhet' leads to linking", owner.path().startswith("/account/businesses"), owner.path())
    owner.check("link a business")
    check(f"{label}: linking starts with the customer number alone", not owner.driver.find_elements(By.NAME, "pin"), owner.text()[:1500])
    owner.submit("/account/businesses", customer_number="12ab")
    owner.check("link: not a customer number (error)")
    owner.submit("/account/businesses", customer_number=number)
    check(f"{label}: the number's step asks for the PIN", f"Kundnummer: {number}" in owner.text(), owner.text()[:1500])
    owner.check("link: the PIN step")
    owner.submit("/account/businesses/link-pin", pin="0000")
    owner.check("link: wrong PIN (error)")
    # A double click on "Koppla": the business is linked, and not activated.
    form = owner.fill("/account/businesses/link-pin", pin=pin)
    owner.click_and_wait(form.find_element(By.CSS_SELECTOR, "button[type=submit]"), double=True)
    owner.wait(lambda: business in owner.text(), f"{business}'s page")
    time.sleep(1)
    owner.go(f"/account/businesses/{number}")
    check(f"{label}: a double click on 'Koppla' leaves {business} linked and not activated",
          "Administratör" in owner.text() and "Inte aktiverad" in owner.text(), owner.text()[:1500])
    owner.check("business page: linked, not activated")
    # Activation has a confirm step whose button is not where "Aktivera verksamhet" was.
    activate = owner.driver.find_element(By.CSS_SELECTOR, f'form[action="/account/businesses/{number}/activate"] button')
    where = activate.location
    owner.click_and_wait(activate)
    owner.check("activate: confirm")
    confirm = owner.driver.find_element(By.CSS_SELECTOR, f'form[action="/account/businesses/{number}/activate"] button[name=confirm]')
    check(f"{label}: the confirm button is not where 'Aktivera verksamhet' was", confirm.location != where, (confirm.location, where))
    owner.click_and_wait(confirm)
    check(f"{label}: {business} is activated", "Verksamheten är aktiverad." in owner.text(), owner.text()[:1500])
    owner.check("business page: activated")
    # Back after a step shows a sensible page, not a resubmission.
    owner.driver.back()
    owner.wait(lambda: owner.driver.execute_script("return document.readyState") == "complete", "the page before")
    check(f"{label}: Back after the activation shows a page, not an error", "Något gick fel" not in owner.text(), owner.text()[:800])
    owner.go(f"/account/businesses/{number}")

    # A second person with the right PIN of a business that has an administrator.
    other = person(f"{label}-other", size)
    sign_up(other, mail, f"eva.{tag}@{label}.example", "Eva", "Ström", errors=False)
    other.go("/account/businesses")
    other.submit("/account/businesses", customer_number=number)
    other.submit("/account/businesses/link-pin", pin=pin)
    check(f"{label}: a business with an administrator answers so, whatever the PIN",
          "Verksamheten har redan en administratör. Be administratören om en inbjudan." in other.text(), other.text()[:1500])
    other.check("link: the business has an administrator (error)")

    # Invite a colleague, who accepts.
    colleague_address = f"olle.{tag}@{label}.example"
    # The server's own check (the browser's would stop the form first): an address without a domain.
    owner.driver.execute_script("arguments[0].noValidate = true", owner.form(f"/account/businesses/{number}/invite"))
    owner.submit(f"/account/businesses/{number}/invite", email="inte-en-adress")
    owner.check("invite: invalid address (error)")
    owner.submit(f"/account/businesses/{number}/invite", email=colleague_address, role="user")
    check(f"{label}: the invitation is sent", "Inbjudan är skickad." in owner.text(), owner.text()[:1500])
    owner.check("business page: invitation sent")
    link = re.search(r"(https?://\S+token=\S+)", mail.next(colleague_address).get_body(("plain",)).get_content()).group(1)
    colleague = person(f"{label}-colleague", size)
    colleague.driver.get(link)
    check(f"{label}: the colleague sees the invitation before logging in", f"Du är inbjuden till {business} som Användare" in colleague.text(),
          colleague.text()[:1500])
    colleague.check("invitation, logged out")
    colleague.click_link("Skapa konto")
    colleague.check("sign-up from the invitation")
    colleague.submit("/signup", email=colleague_address)
    colleague.submit("/signup/details", password=PASSWORD, given_name="Olle", family_name="Ek")
    colleague.wait_path("/account/businesses")
    check(f"{label}: the colleague lands on {business} as Användare", "Olle Ek" in colleague.text() and business in colleague.text(),
          colleague.text()[:1500])
    colleague.check("business page as a member")

    # Roles: the colleague becomes an administrator, then a user again (the demotion has a confirm step).
    owner.go(f"/account/businesses/{number}")
    owner.check("administrator's page with a member")
    row = owner.driver.find_element(By.XPATH, "//tr[th[contains(., 'Olle Ek')]]")
    row.find_element(By.CSS_SELECTOR, "select").find_element(By.CSS_SELECTOR, 'option[value="admin"]').click()
    owner.click_and_wait(row.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    check(f"{label}: the colleague is an administrator", "Rollen är ändrad." in owner.text(), owner.text()[:1500])
    row = owner.driver.find_element(By.XPATH, "//tr[th[contains(., 'Olle Ek')]]")
    row.find_element(By.CSS_SELECTOR, "select").find_element(By.CSS_SELECTOR, 'option[value="user"]').click()
    owner.click_and_wait(row.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    owner.check("demote: confirm")
    owner.click_and_wait(owner.driver.find_element(By.CSS_SELECTOR, "button[name=confirm]"))
    check(f"{label}: the colleague is a user again", "Rollen är ändrad." in owner.text(), owner.text()[:1500])
    owner.check("administrator's page after the role change")
    return owner


def invitations_page(owner, mail, database_path, number):
    """The administrator's page with a used (accepted), a revoked and an expired invitation."""
    tag = secrets.token_hex(3)
    revoked, expired = f"revoked.{tag}@example.com", f"expired.{tag}@example.com"
    for address in (revoked, expired):
        owner.submit(f"/account/businesses/{number}/invite", email=address, role="user")
        mail.next(address)
    row = owner.driver.find_element(By.XPATH, f"//tr[th[contains(., '{revoked}')]]")
    owner.click_and_wait(row.find_element(By.XPATH, ".//button[contains(., 'Återkalla')]"))
    with sqlite3.connect(database_path) as db:
        aged = db.execute("UPDATE invitations SET expires_at = created_at - 1 WHERE email = ?", (expired,)).rowcount
    check("an invitation is aged past its expiry in the database", aged == 1, aged)
    owner.go(f"/account/businesses/{number}")
    page = owner.text()
    check("the administrator's page shows the accepted, revoked and expired invitations, each in its own words",
          all(word in page for word in ("Accepterad", "Återkallad", "Har gått ut")), page[:3000])
    owner.check("administrator's page with used, revoked and expired invitations")


def english(person, mail):
    """The login and business pages in English."""
    visitor = person("desktop-english", DESKTOP, language="en")
    visitor.go("/login")
    check("an English browser's login page is English", visitor.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    visitor.check("login page (English)")
    visitor.click_link("Create an account")
    sign_up_quietly(visitor, mail, f"erik.{secrets.token_hex(3)}@example.com", "Erik", "Holm")
    visitor.check("account page (English)")
    visitor.go("/account/businesses")
    visitor.check("businesses page (English)")
    visitor.submit("/account/businesses", customer_number="0555123")
    visitor.submit("/account/businesses/link-pin", pin="0000")
    visitor.check("link: wrong PIN (English, error)")
    visitor.submit("/account/businesses/link-pin", pin="3141")
    visitor.wait(lambda: "Hörnbutiken" in visitor.text(), "the business page")
    visitor.check("business page (English)")


def bankid_qr(person, mail, issuer):
    """BankID sign-up on another device: the QR code read from the page and given to the simulator's app."""
    from bankid import read_qr

    visitor = person("desktop-bankid", DESKTOP)
    # The device choice, with its personnummer field, and a personnummer that is not one.
    visitor.go("/login/bankid?choose=1&lang=sv")
    visitor.check("BankID: device choice")
    fields = visitor.driver.find_elements(By.CSS_SELECTOR, 'form[action="/login/bankid"] input[name=personal_number]')
    check("the device choice offers a personnummer field", fields, visitor.text()[:1000])
    form = fields[0].find_element(By.XPATH, "./ancestor::form")
    fields[0].send_keys("19900101-0000")
    visitor.click_and_wait(form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    visitor.check("BankID: wrong personnummer (error)")
    # From the login page: BankID on another device shows the QR code.
    visitor.go("/login")
    visitor.click_link("BankID")
    if not visitor.driver.find_elements(By.ID, "bankid-qr"):
        other = [b for b in visitor.driver.find_elements(By.CSS_SELECTOR, 'form[action="/login/bankid"] button') if "annan enhet" in b.text]
        check("the device choice offers BankID on another device", other, visitor.text()[:1000])
        visitor.click_and_wait(other[0])
    visitor.wait(lambda: visitor.driver.find_element(By.ID, "bankid-qr").is_displayed(), "the QR code")
    visitor.check("BankID: QR code")
    svg = visitor.driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "fetch(document.getElementById('bankid-qr').src, {credentials: 'same-origin'}).then(function (r) { return r.text(); }).then(done);")
    content = read_qr(svg)
    check("the QR code on the page decodes to bankid.<token>.<time>.<hmac>", re.fullmatch(r"bankid\.[0-9a-f-]+\.\d+\.[0-9a-f]{64}", content) is not None,
          content)
    phone = requests.Session()
    app = f"{issuer}/bankid-simulator/app"
    opened = phone.post(f"{app}/open", json={"qr": content}, timeout=10)
    check("the simulator's app accepts the scanned code", opened.status_code == 200, opened.text)
    identified = phone.post(f"{app}/sessions/{opened.json()['session']}/identify", json={"personalNumber": ANNA, "personalCode": "123456"},
                            timeout=10)
    check("the test identity identifies", identified.status_code == 200, identified.text)
    visitor.wait_path("/signup/bankid", seconds=30)
    check("the page goes on by itself to BankID sign-up with the name from BankID", "Anna Testsson" in visitor.text(), visitor.text()[:1000])
    visitor.check("BankID sign-up: e-mail")
    address = f"anna.{secrets.token_hex(3)}@example.com"
    visitor.submit("/signup/bankid", email=address)
    visitor.check("BankID sign-up: code")
    visitor.submit("/signup/bankid/code", code=code_in(mail.next(address)))
    visitor.check("BankID sign-up: details")
    # The button carries the acceptance; a form posted without it is refused with a message.
    visitor.driver.execute_script("arguments[0].removeAttribute('name')",
                                  visitor.form("/signup/bankid/details").find_element(By.CSS_SELECTOR, "button[type=submit]"))
    visitor.submit("/signup/bankid/details")
    visitor.check("BankID sign-up: details without consent (error)")
    visitor.submit("/signup/bankid/details")
    visitor.wait_path("/account")
    visitor.check("account page after BankID sign-up")
    return visitor, address

APPLICATION = {"name": "Nya Butiken", "kind": "retailer", "street_address": "Storgatan 1", "postal_code": "123 45", "city": "Umeå",
               "invoice_email": "faktura@nyabutiken.example", "phone": "070-123 45 67"}


def applications_walk(person, mail, reviewer, label, size, language, number):
    """A new customer's application and the staff desk, at one width in one language: the way in from "Koppla konto
    till verksamhet", the form with a wrong organisation number, the confirmation; the reviewer's queue and the
    application at the desk, a question, the applicant's answer, the approval with its confirm step, and the approved
    application; then a second application withdrawn (its confirm step), and the reject form's error."""
    english = language == "en"
    applicant = person(f"{label}-applicant-{language}", size, language=language)
    address = f"ny.{secrets.token_hex(3)}@nyabutiken.example"
    applicant.go(f"/signup?lang={language}")
    sign_up_quietly(applicant, mail, address, "Nora", "Nyström")
    applicant.go(f"/account/businesses?lang={language}")
    way = "New customer?" if english else "Ny kund?"
    check(f"{label}: 'Koppla konto till verksamhet' offers '{way}'", way in applicant.text(), applicant.text()[:1500])
    applicant.check("businesses page with the way for new customers")
    applicant.submit("/account/applications/new")
    applicant.check("application form")
    applicant.submit("/account/applications/new", org_number="556036-0794", **APPLICATION)
    check(f"{label}: a wrong organisation number is refused at its field",
          applicant.driver.find_element(By.ID, "org_number").get_attribute("aria-invalid") == "true", applicant.text()[:1500])
    applicant.check("application form: wrong organisation number (error)")
    application = send_application(applicant, number)
    check(f"{label}: the confirmation shows the reference number", re.search(r"A-\d{6}", applicant.text()) is not None, applicant.text()[:1500])
    applicant.check("application sent")
    mail.next(address)

    # The desk: the reviewer's browser at this width and in this language.
    if size == PHONE:
        reviewer.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": size[0], "height": size[1], "deviceScaleFactor": 1,
                                                                                "mobile": True})
    else:
        reviewer.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    reviewer.name = f"{label}-reviewer-{language}"
    reviewer.go(f"/staff?lang={language}")
    check(f"{label}: the queue lists the application", "Nya Butiken" in reviewer.text(), reviewer.text()[:1500])
    reviewer.check("desk: the queue")
    reviewer.go(f"/staff/applications/{application}?lang={language}")
    reviewer.check("desk: the application")
    question = "Which address does the warehouse have?" if english else "Vilken adress har lagret?"
    reviewer.submit(f"/staff/applications/{application}/request-info", message=question)
    reviewer.check("desk: more information asked for")
    mail.next(address)

    applicant.go(f"/account/applications/{application}?lang={language}")
    check(f"{label}: the applicant sees the reviewer's question", question in applicant.text(), applicant.text()[:1500])
    applicant.check("application: more information requested")
    applicant.submit(f"/account/applications/{application}/answer", answer="Lagergatan 2, 123 45 Umeå")
    applicant.check("application: answered")

    reviewer.go(f"/staff/applications/{application}?lang={language}")
    reviewer.submit(f"/staff/applications/{application}/approve")
    reviewer.check("desk: approve (confirm)")
    reviewer.click_and_wait(reviewer.form(f"/staff/applications/{application}/approve").find_element(By.CSS_SELECTOR, "button[name=confirm]"))
    customer_number = re.search(r"\b9\d{6}\b", reviewer.text())
    check(f"{label}: the approval shows the new customer number", customer_number is not None, reviewer.text()[:1500])
    reviewer.check("desk: approved")
    mail.next(address)
    applicant.go(f"/account/applications/{application}?lang={language}")
    check(f"{label}: the applicant's page says approved, with the customer number", customer_number.group(0) in applicant.text(),
          applicant.text()[:1500])
    applicant.check("application: approved")

    # A second application, withdrawn with its confirm step; the reject form's error on a third.
    second, third = (org_number(f"55{secrets.randbelow(10**7):07d}") for _ in range(2))
    applicant.go(f"/account/applications/new?lang={language}")
    withdrawn = send_application(applicant, second)
    mail.next(address)
    applicant.submit(f"/account/applications/{withdrawn}/withdraw")
    applicant.check("application: withdraw (confirm)")
    applicant.click_and_wait(applicant.form(f"/account/applications/{withdrawn}/withdraw").find_element(By.CSS_SELECTOR, "button[name=confirm]"))
    check(f"{label}: the application is withdrawn", ("Withdrawn" if english else "Återkallad").lower() in applicant.text().lower(),
          applicant.text()[:1500])
    applicant.check("application: withdrawn")
    applicant.go(f"/account/applications/new?lang={language}")
    rejected = send_application(applicant, third)
    mail.next(address)
    reviewer.go(f"/staff/applications/{rejected}?lang={language}")
    reviewer.submit(f"/staff/applications/{rejected}/reject")
    check(f"{label}: a rejection without a reason is refused with a message", reviewer.driver.find_elements(By.ID, "reason-error"),
          reviewer.text()[:1500])
    reviewer.check("desk: reject without a reason (error)")


def send_application(applicant, number):
    """Sends the application form the browser is on for `number`, and returns the id its page names."""
    applicant.submit("/account/applications/new", org_number=number, **APPLICATION)
    applicant.wait_path("/account/applications/")
    return applicant.path().split("?")[0].rsplit("/", 1)[1]


def keyboard_walk(person, mail):
    """Sign-up and linking with the keyboard only: Tab to move, Enter to submit or follow; nothing else."""
    visitor = person("desktop-keyboard", DESKTOP)
    address = f"kim.{secrets.token_hex(3)}@example.com"
    visitor.go("/login")
    visitor.tab_to('a[href^="/signup"]')
    visitor.keys(Keys.ENTER)
    visitor.wait_path("/signup")
    visitor.tab_to("input[name=email]")
    visitor.keys(address, Keys.ENTER)
    visitor.wait(lambda: visitor.driver.find_elements(By.NAME, "code"), "the code page")
    visitor.tab_to("input[name=code]")
    visitor.keys(code_in(mail.next(address)), Keys.ENTER)
    visitor.wait(lambda: visitor.driver.find_elements(By.NAME, "given_name"), "the details page")
    for name, value in (("password", PASSWORD), ("given_name", "Kim"), ("family_name", "Berg")):
        visitor.tab_to(f"input[name={name}]")
        visitor.keys(value)
    visitor.tab_to('form[action="/signup/details"] button[type=submit]')
    visitor.keys(Keys.ENTER)
    visitor.wait_path("/account")
    check("keyboard only: signed up and on the account page", visitor.path().startswith("/account"), visitor.path())
    visitor.tab_to('a[href^="/account/businesses"]')
    visitor.keys(Keys.ENTER)
    visitor.wait_path("/account/businesses")
    visitor.tab_to("input[name=customer_number]")
    visitor.keys("0789015", Keys.ENTER)
    visitor.wait(lambda: "Producenter och importörer" in visitor.text(), "the producer's step: the mailed link")
    visitor.check("keyboard: a producer's step (the mailed link only)")
    visitor.tab_to('form[action="/account/businesses/link-email"] button[type=submit]')
    visitor.keys(Keys.ENTER)
    visitor.wait(lambda: "Om uppgifterna stämmer" in visitor.text(), "the mail-link answer")
    message = mail.next("kontakt@bryggeriet-norr.se")
    link = re.search(r"(https?://\S+/account/businesses/link\?\S+)", message.get_body(("plain",)).get_content()).group(1)
    visitor.driver.get(link)
    visitor.wait(lambda: "Bryggeriet i Norr" in visitor.text(), "the producer's page")
    check("keyboard only: the producer is linked by the mailed link", "Administratör" in visitor.text(), visitor.text()[:1500])
    visitor.check("keyboard: business page after linking")


def desk_keyboard_walk(person, mail, reviewer):
    """A new customer's application and its approval at the desk with the keyboard only: Tab and Enter, and the arrow
    key for the kind of business."""
    applicant = person("desktop-keyboard-applicant", DESKTOP)
    address = f"kaj.{secrets.token_hex(3)}@example.com"
    applicant.go("/signup")
    sign_up_quietly(applicant, mail, address, "Kaj", "Lind")
    applicant.go("/account/businesses")
    applicant.tab_to('form[action="/account/applications/new"] button[type=submit]')
    applicant.keys(Keys.ENTER)
    applicant.wait(lambda: applicant.driver.find_elements(By.NAME, "org_number"), "the application form")
    fields = {**APPLICATION, "org_number": org_number(f"55{secrets.randbelow(10**7):07d}")}
    for field in ("org_number", "name", "street_address", "postal_code", "city", "invoice_email", "phone"):
        applicant.tab_to(f"input[name={field}]")
        applicant.keys(fields[field])
    applicant.tab_to("select[name=kind]")
    applicant.keys(Keys.DOWN)
    applicant.tab_to('form[action="/account/applications/new"] button[type=submit]')
    applicant.keys(Keys.ENTER)
    applicant.wait_path("/account/applications/")
    application = applicant.path().split("?")[0].rsplit("/", 1)[1]
    check("keyboard only: the application is sent", re.search(r"A-\d{6}", applicant.text()) is not None, applicant.text()[:1500])
    mail.next(address)

    reviewer.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    reviewer.name = "desktop-keyboard-reviewer"
    reviewer.go("/staff?lang=sv")
    reviewer.tab_to(f'a[href^="/staff/applications/{application}"]')
    reviewer.keys(Keys.ENTER)
    reviewer.wait_path(f"/staff/applications/{application}")
    reviewer.tab_to(f'form[action="/staff/applications/{application}/approve"] button[type=submit]')
    reviewer.keys(Keys.ENTER)
    reviewer.wait(lambda: reviewer.driver.find_elements(By.CSS_SELECTOR, "button[name=confirm]"), "the approval's confirm step")
    reviewer.tab_to("button[name=confirm]")
    reviewer.keys(Keys.ENTER)
    reviewer.wait(lambda: re.search(r"\b9\d{6}\b", reviewer.text()) is not None, "the new customer number")
    check("keyboard only: the reviewer opens the application from the queue and approves it", "Godkänd" in reviewer.text()
          or "godkänd" in reviewer.text(), reviewer.text()[:1500])
    reviewer.check("keyboard: approved at the desk")


def themed(binary, env, work, person, artifacts):
    """The `ui` settings on a second server: the login page shows the service, the organisation, the logo, the
    colour and the support link, and passes axe (the colour's contrast included). Its screenshot is the README's
    (docs/themed-login.png); PORTVAKT_BROWSER_README_SHOT=1 writes it there."""
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    logo = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "conf", "logo-example.svg")
    themed_env = {**env, "PORTVAKT_ISSUER": issuer, "PORTVAKT_LISTEN": f"127.0.0.1:{port}", "PORTVAKT_UI_SERVICE_NAME": "Mina sidor",
                  "PORTVAKT_UI_ORGANISATION": "Returpack", "PORTVAKT_UI_LOGO_FILE": os.path.abspath(logo),
                  "PORTVAKT_UI_PRIMARY_COLOR": "#1d4e89", "PORTVAKT_UI_SUPPORT_URL": "https://returpack.example/kontakt"}
    with serving(binary, themed_env, work, issuer) as server:
        visitor = person("desktop-themed", DESKTOP)
        visitor.issuer = issuer
        visitor.go("/login")
        page = visitor.text()
        check("the themed login page names the organisation and links to support", "Returpack" in page and "Hjälp och kontakt" in page, page[:800])
        check("the themed login page shows the logo", visitor.driver.execute_script(
            "var i = document.querySelector('img.logo'); return i !== null && i.complete && i.naturalWidth > 0"))
        color = visitor.driver.execute_script("return getComputedStyle(document.querySelector('a.button')).backgroundColor")
        check("the buttons take the primary colour", color == "rgb(29, 78, 137)", color)
        visitor.check("themed login page")
        if os.environ.get("PORTVAKT_BROWSER_README_SHOT") == "1":
            target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "themed-login.png")
            visitor.driver.save_screenshot(target)
            print(f"  wrote {os.path.abspath(target)}", flush=True)
        stop_cleanly(server)


def logged_out(owner):
    """Logging out, and the way back from the logged-out page."""
    owner.go("/logout")
    owner.check("log out: confirm")
    owner.click_and_wait(owner.driver.find_element(By.CSS_SELECTOR, 'form[action="/logout"] button'))
    check("the logged-out page says so and links back", "Du är utloggad." in owner.text()
          and owner.driver.find_elements(By.CSS_SELECTOR, "main a[href]"), owner.text()[:800])
    owner.check("logged out")


if __name__ == "__main__":
    main()
