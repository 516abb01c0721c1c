#!/usr/bin/env bash
# The test run proper; `scripts/test` prepares the machine and calls this inside `scripts/with-postgres`.
source "$(dirname "$0")/common.sh"
cd "$ROOT"
[ -n "${PORTVAKT_TEST_POSTGRES_URL:-}" ] || die "PORTVAKT_TEST_POSTGRES_URL is not set: run scripts/test"

failed=()

# A new, empty PostgreSQL database for one end-to-end run (each run has its own KEK, so it needs its own keys).
fresh_postgres() {
    local name="e2e_$1_$$"
    psql -q "$PORTVAKT_TEST_POSTGRES_URL" -c "CREATE DATABASE $name" >/dev/null
    echo "${PORTVAKT_TEST_POSTGRES_URL%/*}/$name"
}
BINARY=".build/debug/portvakt"
E2E_DB=$(mktemp -d /tmp/portvakt-e2e-sqlite.XXXXXX)
trap 'rm -rf "$E2E_DB"' EXIT

log "end-to-end: one node on SQLite"
.venv-test/bin/python scripts/e2e/foundation.py "$BINARY" "sqlite://$E2E_DB/portvakt.sqlite" 1 || failed+=("e2e on SQLite")

log "end-to-end: two nodes sharing PostgreSQL"
.venv-test/bin/python scripts/e2e/foundation.py "$BINARY" "$(fresh_postgres foundation)" 2 || failed+=("e2e on PostgreSQL")

log "end-to-end: an OpenID Connect client library (authlib) against the real binary, on SQLite and on PostgreSQL"
.venv-test/bin/python scripts/e2e/oidc.py "$BINARY" "sqlite://$E2E_DB/oidc.sqlite" || failed+=("OIDC e2e on SQLite")
.venv-test/bin/python scripts/e2e/oidc.py "$BINARY" "$(fresh_postgres oidc)" || failed+=("OIDC e2e on PostgreSQL")

log "end-to-end: accounts with e-mail and password against a real SMTP server (aiosmtpd, STARTTLS + AUTH)"
.venv-test/bin/python scripts/e2e/password.py "$BINARY" "sqlite://$E2E_DB/password.sqlite" || failed+=("password e2e on SQLite")

log "end-to-end: BankID login and sign-up with the embedded simulator, on SQLite and on PostgreSQL"
.venv-test/bin/python scripts/e2e/bankid.py "$BINARY" "sqlite://$E2E_DB/bankid.sqlite" conf/bankid-test-identities.json || failed+=("BankID e2e on SQLite")
.venv-test/bin/python scripts/e2e/bankid.py "$BINARY" "$(fresh_postgres bankid)" conf/bankid-test-identities.json || failed+=("BankID e2e on PostgreSQL")

log "end-to-end: businesses, memberships and their claims, on SQLite and on PostgreSQL"
.venv-test/bin/python scripts/e2e/businesses.py "$BINARY" "sqlite://$E2E_DB/businesses.sqlite" conf/businesses-demo.csv || failed+=("businesses e2e on SQLite")
.venv-test/bin/python scripts/e2e/businesses.py "$BINARY" "$(fresh_postgres businesses)" conf/businesses-demo.csv || failed+=("businesses e2e on PostgreSQL")

log "end-to-end: the customer guide's journey in one flow (onboarding, deep links, language, BankID step-up, invitations), on SQLite and on PostgreSQL"
.venv-test/bin/python scripts/e2e/journey.py "$BINARY" "sqlite://$E2E_DB/journey.sqlite" conf/businesses-demo.csv || failed+=("journey e2e on SQLite")
.venv-test/bin/python scripts/e2e/journey.py "$BINARY" "$(fresh_postgres journey)" conf/businesses-demo.csv || failed+=("journey e2e on PostgreSQL")

log "end-to-end: PostgreSQL stopped and started again under load (503 with Retry-After, then recovery)"
.venv-test/bin/python scripts/e2e/outage.py "$BINARY" "$(fresh_postgres outage)" || failed+=("outage e2e on PostgreSQL")

log "end-to-end: the demo portal (the PortvaktRelyingParty kit): password and BankID logins, an invitation, a key rotation, logout, back-channel logout, on SQLite and on two nodes sharing PostgreSQL"
.venv-test/bin/python scripts/e2e/portal.py "$BINARY" "sqlite://$E2E_DB/portal.sqlite" conf/businesses-demo.csv || failed+=("portal e2e on SQLite")
.venv-test/bin/python scripts/e2e/portal.py "$BINARY" "$(fresh_postgres portal)" conf/businesses-demo.csv || failed+=("portal e2e on PostgreSQL")

log "end-to-end: the pages in a real browser (Chromium headless, Selenium, axe-core WCAG 2.2 AA), on SQLite"
.venv-test/bin/python scripts/e2e/browser.py "$BINARY" "sqlite://$E2E_DB/browser.sqlite" || failed+=("browser e2e on SQLite")

# Last, so that its summary is the run's closing line.
log "swift test (store conformance on SQLite and PostgreSQL)"
swift test --disable-xctest || failed+=("swift test")

if [ ${#failed[@]} -gt 0 ]; then
    printf 'FAILED: %s\n' "${failed[@]}" >&2
    exit 1
fi
