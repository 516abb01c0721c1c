-- POST /token, grant_type=client_credentials, with client_secret_basic. A static request: wrk builds it once.
-- BENCH_CLIENT_AUTH: the Authorization header's value ("Basic ...").
wrk.method = "POST"
wrk.path = "/token"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = os.getenv("BENCH_CLIENT_AUTH")
