-- GET /api/v1/search?q=… with queries drawn from a fixed list (wrk script): one to eight characters
-- from the seeded corpus, mixed Latin and Chinese, and some that match nothing.
local queries = {
  "秘书", "秘书工作", "秘书队伍建设", "四要", "队伍", "建设", "要坚持", "会议", "领导", "服务",
  "办公室", "文件", "调查研究", "信息", "综合", "协调", "参谋", "助手", "素质", "能力",
  "秘", "书", "要", "工作研究", "第100篇", "研究第", "新时期", "创新", "作风", "学习",
  "政治", "业务", "保密", "档案", "写作", "AI秘书", "kanwu", "鲲鹏", "无此词语", "的",
}
local encoded = {}
local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
function init(args)
  for i, q in ipairs(queries) do encoded[i] = urlencode(q) end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end
function request()
  return wrk.format("GET", "/api/v1/search?q=" .. encoded[math.random(#encoded)])
end
