#!/usr/bin/env bash
# The test run proper; `scripts/test` prepares the machine and calls this inside `scripts/with-postgres`.
source "$(dirname "$0")/common.sh"
cd "$ROOT"
[ -n "${PORTVAKT_TEST_POSTGRES_URL:-}" ] || die "PORTVAKT_TEST_POSTGRES_URL is not set: run scripts/test"

# Python's output goes through `tee`: unbuffered, so a run cut short still shows its last lines.
export PYTHONUNBUFFERED=1
failed=() failed_logs=()
STEP_LOGS=$(mktemp -d /tmp/portvakt-test-logs.XXXXXX)

# Runs one step, its output shown as it comes and kept; a failed step's last lines are shown again at the end, so
# that the tail of the run (all a CI summary may keep) says what failed and why.
step() {
    local name=$1 log status=0
    shift
    log="$STEP_LOGS/$(printf '%s' "$name" | tr -c 'A-Za-z0-9' '-').log"
    "$@" 2>&1 | tee "$log" || status=$?   # pipefail: the step's own status (tee does not fail)
    if [ "$status" -ne 0 ]; then
        failed+=("$name")
        failed_logs+=("$log")
    fi
}

# A new, empty PostgreSQL database for one end-to-end run (each run has its own KEK, so it needs its own keys).
fresh_postgres() {
    local name="e2e_$1_$$"
    psql -q "$PORTVAKT_TEST_POSTGRES_URL" -c "CREATE DATABASE $name" >/dev/null
    echo "${PORTVAKT_TEST_POSTGRES_URL%/*}/$name"
}
BINARY=".build/debug/portvakt"
E2E_DB=$(mktemp -d /tmp/portvakt-e2e-sqlite.XXXXXX)
trap 'rm -rf "$E2E_DB" "$STEP_LOGS"' EXIT

log "end-to-end: one node on SQLite"
step "e2e on SQLite" .venv-test/bin/python scripts/e2e/foundation.py "$BINARY" "sqlite://$E2E_DB/portvakt.sqlite" 1

log "end-to-end: two nodes sharing PostgreSQL"
step "e2e on PostgreSQL" .venv-test/bin/python scripts/e2e/foundation.py "$BINARY" "$(fresh_postgres foundation)" 2

log "end-to-end: an OpenID Connect client library (authlib) against the real binary, on SQLite and on PostgreSQL"
step "OIDC e2e on SQLite" .venv-test/bin/python scripts/e2e/oidc.py "$BINARY" "sqlite://$E2E_DB/oidc.sqlite"
step "OIDC e2e on PostgreSQL" .venv-test/bin/python scripts/e2e/oidc.py "$BINARY" "$(fresh_postgres oidc)"

log "end-to-end: accounts with e-mail and password against a real SMTP server (aiosmtpd, STARTTLS + AUTH)"
step "password e2e on SQLite" .venv-test/bin/python scripts/e2e/password.py "$BINARY" "sqlite://$E2E_DB/password.sqlite"

log "end-to-end: BankID login and sign-up with the embedded simulator, on SQLite and on PostgreSQL"
step "BankID e2e on SQLite" .venv-test/bin/python scripts/e2e/bankid.py "$BINARY" "sqlite://$E2E_DB/bankid.sqlite" conf/bankid-test-identities.json
step "BankID e2e on PostgreSQL" .venv-test/bin/python scripts/e2e/bankid.py "$BINARY" "$(fresh_postgres bankid)" conf/bankid-test-identities.json

log "end-to-end: businesses, memberships and their claims, on SQLite and on PostgreSQL"
step "businesses e2e on SQLite" .venv-test/bin/python scripts/e2e/businesses.py "$BINARY" "sqlite://$E2E_DB/businesses.sqlite" conf/businesses-demo.csv
step "businesses e2e on PostgreSQL" .venv-test/bin/python scripts/e2e/businesses.py "$BINARY" "$(fresh_postgres businesses)" conf/businesses-demo.csv

log "end-to-end: the customer guide's journey in one flow (onboarding, deep links, language, BankID step-up, invitations), on SQLite and on PostgreSQL"
step "journey e2e on SQLite" .venv-test/bin/python scripts/e2e/journey.py "$BINARY" "sqlite://$E2E_DB/journey.sqlite" conf/businesses-demo.csv
step "journey e2e on PostgreSQL" .venv-test/bin/python scripts/e2e/journey.py "$BINARY" "$(fresh_postgres journey)" conf/businesses-demo.csv

log "end-to-end: a new customer's application and the staff desk (apply from the portal's flow, a reviewer's question, the answer, approval, activation, the business claim; duplicates; the CLI; a rejection), on SQLite and on PostgreSQL"
step "applications e2e on SQLite" .venv-test/bin/python scripts/e2e/applications.py "$BINARY" "sqlite://$E2E_DB/applications.sqlite"
step "applications e2e on PostgreSQL" .venv-test/bin/python scripts/e2e/applications.py "$BINARY" "$(fresh_postgres applications)"

log "end-to-end: PostgreSQL stopped and started again under load (503 with Retry-After, then recovery)"
step "outage e2e on PostgreSQL" .venv-test/bin/python scripts/e2e/outage.py "$BINARY" "$(fresh_postgres outage)"

log "end-to-end: the demo portal (the PortvaktRelyingParty kit): password and BankID logins, an invitation, a key rotation, logout, back-channel logout, on SQLite and on two nodes sharing PostgreSQL"
step "portal e2e on SQLite" .venv-test/bin/python scripts/e2e/portal.py "$BINARY" "sqlite://$E2E_DB/portal.sqlite" conf/businesses-demo.csv
step "portal e2e on PostgreSQL" .venv-test/bin/python scripts/e2e/portal.py "$BINARY" "$(fresh_postgres portal)" conf/businesses-demo.csv

log "end-to-end: the pages in a real browser (Chromium headless, Selenium, axe-core WCAG 2.2 AA), on SQLite"
step "browser e2e on SQLite" .venv-test/bin/python scripts/e2e/browser.py "$BINARY" "sqlite://$E2E_DB/browser.sqlite"

# Last, so that its summary is the run's closing line.
log "swift test (store conformance on SQLite and PostgreSQL)"
step "swift test" swift test --disable-xctest

if [ ${#failed[@]} -gt 0 ]; then
    for i in "${!failed[@]}"; do
        printf '\n--- %s: what failed\n' "${failed[$i]}" >&2
        grep -E '✘|  FAIL |error:' "${failed_logs[$i]}" | cut -c1-600 | head -n 20 >&2 || true
        printf -- '--- %s: its last lines\n' "${failed[$i]}" >&2
        tail -n 30 "${failed_logs[$i]}" | cut -c1-600 >&2
    done
    printf 'FAILED: %s\n' "${failed[@]}" >&2
    exit 1
fi
