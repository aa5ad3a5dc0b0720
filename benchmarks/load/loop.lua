-- The full breaking → acknowledge → publish loop. Run with one connection per thread (wrk -t N -c N):
-- thread i drives asset i of $TESSERA_LOOP_ASSETS (a file of lines "asset_id consumer_team_id"), on which one
-- consumer team is registered. Each iteration:
--   1. the producer publishes a breaking change (the type of "x" flips between string and integer) → 201, a
--      pending proposal naming the consumer;
--   2. the consumer acknowledges "approved" → 201, and the server publishes the proposal by itself
--      (proposal_status "published").
-- wrk's own latency figures are per request (both steps mixed); the per-iteration figures (loops/s, p50, p99 of
-- a whole iteration) are measured here with CLOCK_MONOTONIC and printed by done().
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } tessera_timespec;
  int clock_gettime(int clock_id, tessera_timespec *tp);
]]
local timespec = ffi.new("tessera_timespec")
local function now_us()
  ffi.C.clock_gettime(1, timespec) -- CLOCK_MONOTONIC
  return tonumber(timespec.tv_sec) * 1e6 + tonumber(timespec.tv_nsec) / 1e3
end

local lines = {}
for line in io.lines(os.getenv("TESSERA_LOOP_ASSETS")) do
  lines[#lines + 1] = line
end

local next_index = 0
function setup(thread)
  next_index = next_index + 1
  thread:set("index", next_index)
end

local asset, consumer, proposal, started
local step, flip = 1, 1
local producer_headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TESSERA_PRODUCER_KEY") }
local consumer_headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TESSERA_CONSUMER_KEY") }
durations = {}
failures = 0

function init(args)
  asset, consumer = lines[index]:match("^(%S+)%s+(%S+)$")
  step, flip = 1, 1
end

-- request() may be called more than once per request sent (wrk checks the script with a call of its own), so it
-- only reads the state; response() moves it on.
function request()
  if step == 1 then
    started = now_us()
    local body = string.format(
      '{"schema":{"type":"object","properties":{"id":{"type":"string"},"x":{"type":"%s"}},"required":["id"]}}',
      flip == 1 and "integer" or "string")
    return wrk.format("POST", "/api/v1/assets/" .. asset .. "/publish", producer_headers, body)
  end
  return wrk.format("POST", "/api/v1/proposals/" .. proposal .. "/acknowledge", consumer_headers,
    '{"consumer_team_id":"' .. consumer .. '","response":"approved"}')
end

function response(status, headers, body)
  if step == 1 then
    proposal = body:match('"proposal":%s*{%s*"id":%s*"([%x%-]+)"')
    if status == 201 and proposal and body:find('"action":"proposal.created"', 1, true) then
      step = 2
      flip = 1 - flip
    else
      failures = failures + 1
      if status == 201 then
        flip = 1 - flip -- published as compatible: the asset already had this type, so flip and go on
      end
    end
  else
    if status == 201 and body:find('"proposal_status":"published"', 1, true) then
      durations[#durations + 1] = now_us() - started
    else
      failures = failures + 1
    end
    step = 1
  end
end

local threads = {}
local original_setup = setup
function setup(thread)
  original_setup(thread)
  threads[#threads + 1] = thread
end

function done(summary, latency, requests)
  local all = {}
  local failed = 0
  for _, thread in ipairs(threads) do
    for _, d in ipairs(thread:get("durations")) do
      all[#all + 1] = d
    end
    failed = failed + thread:get("failures")
  end
  table.sort(all)
  local function pct(p)
    if #all == 0 then return 0 end
    return all[math.max(1, math.ceil(#all * p))] / 1000
  end
  io.write(string.format("Loops: %d completed, %d failed steps, %.2f loops/sec, loop p50 %.2fms, loop p99 %.2fms\n",
    #all, failed, #all / (summary.duration / 1e6), pct(0.50), pct(0.99)))
end
