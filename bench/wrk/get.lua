-- GET requests cycling through the paths in BENCH_PATHS (separated by |), so one endpoint can be measured over
-- several topics or search queries without the server seeing one URL only.
local paths = {}
for path in string.gmatch(os.getenv("BENCH_PATHS") or "/", "[^|]+") do paths[#paths + 1] = path end
local n = 0

function setup(thread)
  thread:set("offset", math.random(#paths))
end

function init(args)
  n = tonumber(offset) or 0
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end

dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
