-- wrk script: POSTs the request bodies named after "--" in turn, each request with an Idempotency-Key of its own
-- (so each is a new batch), e.g.
--   wrk -t2 -c4 -d20s -s bench/src/post_bodies.lua -H "Authorization: Bearer $KEY" $API/telemetry/observations -- RUN body-*.json
-- RUN names the run, so that a second run's keys are new too. Non-2xx answers are counted by wrk itself.
local bodies = {}
local threads = 0
local run = "run"
local sent = 0

function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

function init(args)
  run = args[1]
  for i = 2, #args do
    local file = assert(io.open(args[i], "rb"))
    bodies[#bodies + 1] = file:read("*a")
    file:close()
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  sent = sent + 1
  -- wrk.format takes these headers instead of wrk.headers (those of -H), not beside them
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Idempotency-Key"] = "wrk-" .. run .. "-" .. thread_number .. "-" .. sent
  return wrk.format(nil, nil, headers, bodies[(sent % #bodies) + 1])
end
