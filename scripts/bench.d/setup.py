#!/usr/bin/env python3
"""Prepares what the benchmark's wrk scripts replay, through the real pages and endpoints of a running Portvakt:
an account signed up with e-mail and password (the code read from the local mailbox folder), a logged-in session,
the user's consent to the bench client remembered, and COUNT code flows with PKCE whose refresh tokens and one
access token the refresh and userinfo runs use. Writes a JSON file.

usage: setup.py ISSUER MAILBOX_DIR CLIENT_ID CLIENT_SECRET REDIRECT_URI COUNT OUTPUT_JSON
"""
import base64
import hashlib
import json
import os
import secrets
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
import requests  # noqa: E402
from common import follow, hidden_fields, local_mail, sign_up_with_password  # noqa: E402

PASSWORD = "en lång mening om pant och burkar"
SCOPE = "openid offline_access"


def main():
    issuer, mailbox, client_id, secret, redirect_uri, count, output = sys.argv[1:8]
    count = int(count)
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    authorize = "/authorize?" + urllib.parse.urlencode({
        "response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri, "scope": SCOPE, "state": "bench",
        "nonce": "bench", "code_challenge": challenge, "code_challenge_method": "S256"})

    browser = requests.Session()
    address = f"bench.{secrets.token_hex(3)}@example.se"
    sign_up_with_password(browser, issuer, address, "Bench", "Mark", PASSWORD, lambda: local_mail(mailbox, address, 1, 30))

    # The first authorization asks for consent; approving it is remembered for the flows that follow.
    consent = follow(browser, issuer, browser.get(issuer + authorize, allow_redirects=False, timeout=10), stop=redirect_uri)
    if consent.status_code != 200:
        raise SystemExit(f"expected the consent page, got {consent.status_code} {consent.headers.get('Location')}")
    approved = browser.post(issuer + "/consent", data={**hidden_fields(consent.text, "/consent"), "decision": "approve"},
                            allow_redirects=False, timeout=10)
    first = follow(browser, issuer, approved, stop=redirect_uri)

    def code_from(answer):
        location = answer.headers.get("Location", "")
        params = dict(urllib.parse.parse_qsl(urllib.parse.urlparse(location).query))
        if answer.status_code != 302 or "code" not in params:
            raise SystemExit(f"no code: {answer.status_code} {location} {answer.text[:300]}")
        return params["code"]

    def redeem(code):
        answer = requests.post(issuer + "/token", data={"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
                                                        "code_verifier": verifier}, auth=(client_id, secret), timeout=10)
        if answer.status_code != 200 or "refresh_token" not in answer.json():
            raise SystemExit(f"the code was not redeemed with a refresh token: {answer.status_code} {answer.text[:300]}")
        return answer.json()

    tokens = [redeem(code_from(first))]
    for _ in range(count - 1):
        tokens.append(redeem(code_from(browser.get(issuer + authorize, allow_redirects=False, timeout=10))))
    cookie = next(f"{c.name}={c.value}" for c in browser.cookies if c.name.endswith("portvakt-session"))
    with open(output, "w") as f:
        json.dump({"cookie": cookie, "authorize": authorize, "verifier": verifier, "access_token": tokens[0]["access_token"],
                   "refresh_tokens": [t["refresh_token"] for t in tokens]}, f)


if __name__ == "__main__":
    main()
