-- Deletes KEYS[1] only if its value is ARGV[1] (a login lock this instance holds) or starts with
-- ARGV[1] followed by '|' (a stored token with that id): another instance's newer value is kept.
local current = redis.call('GET', KEYS[1])
if current and (current == ARGV[1] or string.sub(current, 1, #ARGV[1] + 1) == ARGV[1] .. '|') then
  return tostring(redis.call('DEL', KEYS[1]))
end
return '0'
