-- POST /token, grant_type=refresh_token. Refresh tokens rotate, so each wrk thread holds a pool of them (at least
-- one per connection): a request takes one, its answer puts the successor back. At the end the pools are written
-- back to the file for the next run; tokens in flight when wrk stops are lost.
-- Environment: BENCH_CLIENT_AUTH, BENCH_REFRESH_FILE (one token a line), BENCH_THREADS (wrk's -t).
local auth = os.getenv("BENCH_CLIENT_AUTH")
local file = os.getenv("BENCH_REFRESH_FILE")
local thread_count = tonumber(os.getenv("BENCH_THREADS"))
local threads = {}

function setup(thread)
    table.insert(threads, thread)
    thread:set("index", #threads)
end

function init(args)
    pool = {}
    exhausted = 0
    local line_number = 0
    for line in io.lines(file) do
        if line ~= "" and line_number % thread_count == index - 1 then
            table.insert(pool, line)
        end
        line_number = line_number + 1
    end
end

function request()
    local token = table.remove(pool)
    if token == nil then
        exhausted = exhausted + 1
        token = "exhausted"
    end
    return wrk.format("POST", "/token",
        { ["Content-Type"] = "application/x-www-form-urlencoded", ["Authorization"] = auth },
        "grant_type=refresh_token&refresh_token=" .. token)
end

function response(status, headers, body)
    if status == 200 then
        local successor = body:match('"refresh_token"%s*:%s*"([^"]+)"')
        if successor then table.insert(pool, successor) end
    end
end

function done(summary, latency, requests)
    local out = io.open(file, "w")
    local kept, short = 0, 0
    for _, thread in ipairs(threads) do
        for _, token in ipairs(thread:get("pool")) do
            out:write(token, "\n")
            kept = kept + 1
        end
        short = short + thread:get("exhausted")
    end
    out:close()
    io.write(string.format("refresh_tokens_left: %d\nrefresh_pool_exhausted: %d\n", kept, short))
end
