-- GET requests cycling through the paths in BENCH_PATHS (separated by |), so one endpoint can be measured over
-- several topics or search queries without the server seeing one URL only.
local paths = {}
for path in string.gmatch(os.getenv("BENCH_PATHS") or "/", "[^|]+") do paths[#paths + 1] = path end
local n = 0
-- BENCH_BEARER set: the requests come from a signed-in member (a personal access token), so no page is served
-- from the anonymous page cache and every request does the full work.
local bearer = os.getenv("BENCH_BEARER") or ""
local headers = {}
if bearer ~= "" then headers["Authorization"] = "Bearer " .. bearer end

function setup(thread)
  thread:set("offset", math.random(#paths))
end

function init(args)
  n = tonumber(offset) or 0
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1], headers)
end

dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
