#!/usr/bin/env python3
"""End-to-end check of the OpenID Connect provider with a client library written by others (authlib).

Starts `portvakt serve` on a free loopback port without a mail server (mail goes to its local mailbox folder),
registers a client with the CLI, and logs a browser in the way a user does: sign-up with e-mail and password, the
code read from the mailbox folder. Then it runs what a relying party does: discovery, the authorization code flow
with PKCE, ID token validation against the JWKS (iss, aud, nonce, at_hash, azp, exp), both tokens verified as RS256
by a second JOSE library (joserfc), the JWKS's ETag and 304, userinfo, refresh (rotated), revocation, and RP-initiated
logout, after which a silent login attempt needs a login. Every wait is bounded.

usage: oidc.py PORTVAKT_BINARY DATABASE_URL
"""
import json
import os
import secrets
import subprocess
import sys
import tempfile
import urllib.parse
import warnings

import requests
from common import CHECKS, IDENTITIES, check, free_port, local_mail, serving, sign_up_with_password, stop_cleanly
from authlib.integrations.requests_client import OAuth2Session

warnings.filterwarnings("ignore", category=DeprecationWarning)
from authlib.jose import JsonWebKey, jwt  # noqa: E402  (authlib's own JOSE, as its OIDC clients use it)
from authlib.oidc.core import CodeIDToken  # noqa: E402
from joserfc import jwt as jose_jwt  # noqa: E402  (a second, independent JOSE library)
from joserfc.jwk import KeySet  # noqa: E402

PASSWORD = "en lång mening om pant och burkar"


def main():
    binary, database_url = os.path.abspath(sys.argv[1]), sys.argv[2]
    work = tempfile.mkdtemp(prefix="portvakt-oidc-e2e-")
    mailbox_dir = os.path.join(work, "mailbox")
    port, rp_port = free_port(), free_port()
    issuer = f"http://127.0.0.1:{port}"
    redirect_uri, bye_uri = f"http://127.0.0.1:{rp_port}/callback", f"http://127.0.0.1:{rp_port}/bye"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTVAKT_")}
    env.update({"PORTVAKT_ISSUER": issuer, "PORTVAKT_LISTEN": f"127.0.0.1:{port}", "PORTVAKT_DATABASE_URL": database_url,
                "PORTVAKT_KEK_FILE": os.path.join(work, "kek"), "PORTVAKT_BANKID_IDENTITIES_FILE": IDENTITIES,
                "PORTVAKT_MAILBOX_DIR": mailbox_dir})
    print(f"e2e oidc: authlib against {issuer}", flush=True)
    with serving(binary, env, work, issuer) as server:

        added = subprocess.run(
            [binary, "clients", "add", "--id", "e2e-rp", "--name", "E2E relying party", "--redirect-uri", redirect_uri,
             "--post-logout-redirect-uri", bye_uri, "--first-party", "--json"],
            cwd=work, env=env, capture_output=True, text=True, timeout=60)
        check("`portvakt clients add --json` registers a client", added.returncode == 0, added.stderr)
        credentials = json.loads(added.stdout)
        client_id, client_secret = credentials["client_id"], credentials["client_secret"]

        address = f"anna.{secrets.token_hex(3)}@pantbutiken.example"
        browser = requests.Session()
        sign_up_with_password(browser, issuer, address, "Anna", "Svensson", PASSWORD, lambda: local_mail(mailbox_dir, address, 1, 30))

        metadata = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=5).json()
        check("discovery names the issuer", metadata["issuer"] == issuer, metadata)
        jwks = requests.get(metadata["jwks_uri"], timeout=5).json()
        key_set = JsonWebKey.import_key_set(jwks)

        rp = OAuth2Session(client_id, client_secret, scope="openid profile email offline_access", redirect_uri=redirect_uri,
                           code_challenge_method="S256", token_endpoint_auth_method="client_secret_basic")
        verifier = secrets.token_urlsafe(48)
        nonce = secrets.token_urlsafe(16)
        url, state = rp.create_authorization_url(metadata["authorization_endpoint"], nonce=nonce, code_verifier=verifier)
        answer = browser.get(url, allow_redirects=False, timeout=5)
        location = answer.headers.get("Location", "")
        params = dict(urllib.parse.parse_qsl(urllib.parse.urlparse(location).query))
        check("the authorization endpoint redirects back with a code", answer.status_code == 302 and "code" in params, (answer.status_code, location, answer.text[:300]))
        check("state is echoed and iss is added (RFC 9207)", params.get("state") == state and params.get("iss") == issuer, params)

        token = rp.fetch_token(metadata["token_endpoint"], authorization_response=location, code_verifier=verifier)
        check("authlib redeems the code with PKCE", "access_token" in token and "id_token" in token and "refresh_token" in token, token)

        claims = jwt.decode(token["id_token"], key_set, claims_cls=CodeIDToken,
                            claims_options={"iss": {"essential": True, "value": issuer}},
                            claims_params={"nonce": nonce, "client_id": client_id, "access_token": token["access_token"]})
        claims.validate(leeway=5)
        check("the ID token validates (signature, iss, aud, exp, nonce, azp, at_hash)", bool(claims.get("sub")), dict(claims))

        # RS256 is signed by OpenSSL's libcrypto inside Portvakt: a second JOSE library (joserfc) verifies both tokens,
        # accepting RS256 only, against the published keys.
        rs256_kids = {key["kid"] for key in jwks["keys"] if key.get("alg") == "RS256"}
        for name, typ in (("id_token", "JWT"), ("access_token", "at+jwt")):
            verified = jose_jwt.decode(token[name], KeySet.import_key_set(jwks), algorithms=["RS256"])
            check(f"joserfc verifies the {name} as RS256 ({typ}) with a published RS256 key",
                  verified.header.get("alg") == "RS256" and verified.header.get("typ") == typ and verified.header.get("kid") in rs256_kids
                  and verified.claims.get("iss") == issuer, verified.header)

        # The JWKS is served from prepared bytes with a strong ETag; a client holding them gets 304.
        first = requests.get(metadata["jwks_uri"], timeout=5)
        etag = first.headers.get("ETag", "")
        again = requests.get(metadata["jwks_uri"], headers={"If-None-Match": etag}, timeout=5)
        check("the JWKS carries a strong ETag and answers If-None-Match with 304 and the same ETag and Cache-Control",
              etag.startswith('"') and again.status_code == 304 and again.headers.get("ETag") == etag
              and again.headers.get("Cache-Control") == first.headers.get("Cache-Control") and again.content == b"",
              (etag, again.status_code, dict(again.headers)))

        userinfo = rp.get(metadata["userinfo_endpoint"], timeout=5).json()
        check("userinfo answers with the same sub and the scoped claims",
              userinfo.get("sub") == claims["sub"] and userinfo.get("email") == address and userinfo.get("name") == "Anna Svensson", userinfo)

        first_refresh = token["refresh_token"]
        refreshed = rp.refresh_token(metadata["token_endpoint"], refresh_token=first_refresh)
        check("refresh works and rotates the refresh token", refreshed.get("refresh_token") not in (None, first_refresh), refreshed)
        replay = requests.post(metadata["token_endpoint"], data={"grant_type": "refresh_token", "refresh_token": first_refresh},
                               auth=(client_id, client_secret), timeout=5)
        check("a rotated refresh token is refused", replay.status_code == 400 and replay.json()["error"] == "invalid_grant", replay.text)

        # The replay revoked the family; start a new grant to test revocation on its own.
        url, state = rp.create_authorization_url(metadata["authorization_endpoint"], nonce=nonce, code_verifier=verifier)
        location = browser.get(url, allow_redirects=False, timeout=5).headers["Location"]
        token = rp.fetch_token(metadata["token_endpoint"], authorization_response=location, code_verifier=verifier)
        revoked = rp.revoke_token(metadata["revocation_endpoint"], token=token["refresh_token"], token_type_hint="refresh_token")
        check("revocation answers 200", revoked.status_code == 200, revoked.text)
        after = requests.get(metadata["userinfo_endpoint"], headers={"Authorization": f"Bearer {token['access_token']}"}, timeout=5)
        check("tokens of a revoked grant stop working", after.status_code == 401 and "invalid_token" in after.headers.get("WWW-Authenticate", ""), after.headers)

        logout = browser.get(metadata["end_session_endpoint"], params={
            "id_token_hint": token["id_token"], "post_logout_redirect_uri": bye_uri, "state": "bye-state"}, allow_redirects=False, timeout=5)
        check("RP-initiated logout redirects to the registered URI with state",
              logout.status_code == 302 and logout.headers.get("Location") == f"{bye_uri}?state=bye-state", (logout.status_code, logout.headers))
        url, _ = rp.create_authorization_url(metadata["authorization_endpoint"], nonce=nonce, code_verifier=verifier, prompt="none")
        silent = dict(urllib.parse.parse_qsl(urllib.parse.urlparse(browser.get(url, allow_redirects=False, timeout=5).headers["Location"]).query))
        check("after logout, prompt=none gives login_required", silent.get("error") == "login_required", silent)

        stop_cleanly(server)
    print(f"e2e oidc: all {len(CHECKS)} checks passed", flush=True)


if __name__ == "__main__":
    main()
