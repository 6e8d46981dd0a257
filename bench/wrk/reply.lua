-- POST /api/v1/topics/{id}/posts as the bench member (bearer token in BENCH_TOKEN), cycling through the topics in
-- BENCH_TOPICS (separated by commas) so that writers spread over topics and communities as on a real site.
local topics = {}
for id in string.gmatch(os.getenv("BENCH_TOPICS") or "1", "[^,]+") do topics[#topics + 1] = id end
local token = os.getenv("BENCH_TOKEN")
local n = 0

function setup(thread)
  thread:set("offset", math.random(#topics))
end

function init(args)
  n = tonumber(offset) or 0
end

function request()
  n = n + 1
  local body = string.format('{"body":"Benchmark reply %d: the starter rose overnight, and the crumb was open and even."}', n)
  return wrk.format("POST", "/api/v1/topics/" .. topics[(n % #topics) + 1] .. "/posts", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }, body)
end

dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
