-- The authorization code flow of a logged-in user whose consent is remembered: GET /authorize with the session
-- cookie (302 with a code), then POST /token with the code and the PKCE verifier. Each wrk thread keeps the codes
-- it was given and spends them on its next requests, so the two requests alternate on every connection.
-- Environment: BENCH_CLIENT_AUTH, BENCH_COOKIE ("portvakt-session=..."), BENCH_AUTHORIZE (path and query),
-- BENCH_REDIRECT_URI (form-encoded), BENCH_VERIFIER.
local auth = os.getenv("BENCH_CLIENT_AUTH")
local cookie = os.getenv("BENCH_COOKIE")
local authorize = os.getenv("BENCH_AUTHORIZE")
local token_body = "grant_type=authorization_code&redirect_uri=" .. os.getenv("BENCH_REDIRECT_URI")
    .. "&code_verifier=" .. os.getenv("BENCH_VERIFIER") .. "&code="
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    codes = {}
    flows = 0
    failures = 0
end

function request()
    local code = table.remove(codes)
    if code then
        return wrk.format("POST", "/token",
            { ["Content-Type"] = "application/x-www-form-urlencoded", ["Authorization"] = auth }, token_body .. code)
    end
    return wrk.format("GET", authorize, { ["Cookie"] = cookie })
end

function response(status, headers, body)
    if status == 302 then
        local location = headers["Location"] or headers["location"] or ""
        local code = location:match("[?&]code=([^&]+)")
        if code then
            table.insert(codes, code)
        else
            failures = failures + 1
        end
    elseif status == 200 then
        flows = flows + 1
    else
        failures = failures + 1
    end
end

function done(summary, latency, requests)
    local total, failed = 0, 0
    for _, thread in ipairs(threads) do
        total = total + thread:get("flows")
        failed = failed + thread:get("failures")
    end
    io.write(string.format("flows: %d\nflow_failures: %d\nflows_per_sec: %.1f\n", total, failed, total / (summary.duration / 1e6)))
end
