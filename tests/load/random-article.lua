-- GET /api/v1/articles/{id} with ids drawn uniformly from [first, last] (wrk script; args: first last
-- [prefix]). With the prefix /a/ it asks for the article's server-rendered page instead.
local first, last, prefix = 1, 1000, "/api/v1/articles/"
function init(args)
  first = tonumber(args[1] or first)
  last = tonumber(args[2] or last)
  prefix = args[3] or prefix
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end
function request()
  return wrk.format("GET", prefix .. math.random(first, last))
end
