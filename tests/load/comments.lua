-- POST /api/v1/articles/{id}/comments as the load members, each request with its own pre-seeded
-- captcha (seed_load makes load-<thread>-<n>, answer 1111, for User-Agent kanwu-load).
-- Args: first last tokens-file. The tokens file holds one access token per line.
local threads = {}
local counter = 1

function setup(thread)
  thread:set("thread_id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local first, last, tokens, n = 1, 1000, {}, 0
function init(args)
  first = tonumber(args[1] or first)
  last = tonumber(args[2] or last)
  for line in io.lines(args[3]) do
    table.insert(tokens, line)
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  local captcha = "load-" .. thread_id .. "-" .. n
  n = n + 1
  -- The thread in the text too: the same text twice on one article is refused (409) by design.
  local body = '{"content":"负载测试评论，线程' .. thread_id .. '第' .. n .. '条。","captcha_id":"' .. captcha .. '","captcha_answer":"1111"}'
  local headers = {
    ["Authorization"] = "Bearer " .. tokens[math.random(1, #tokens)],
    ["Content-Type"] = "application/json",
    ["User-Agent"] = "kanwu-load",
  }
  return wrk.format("POST", "/api/v1/articles/" .. math.random(first, last) .. "/comments", headers, body)
end
