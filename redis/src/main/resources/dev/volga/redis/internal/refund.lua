-- Gives back the slots of a reservation that was cancelled before its time, where that is exact:
-- a limit whose arrival time is still the one this reservation set (nobody reserved after it) goes
-- back to its old value; any other limit keeps the slot (costing at most that one slot).
-- KEYS[i] the limit keys; ARGV[2i-1], ARGV[2i] the old and new arrival time of limit i
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local given = 0
for i = 1, #KEYS do
  local current = redis.call('GET', KEYS[i])
  if current == ARGV[2 * i] then
    local old = tonumber(ARGV[2 * i - 1])
    if old > now then
      redis.call('SET', KEYS[i], ARGV[2 * i - 1], 'PX', math.floor((old - now) / 1000) + 1)
    else
      redis.call('DEL', KEYS[i])
    end
    given = given + 1
  end
end
return tostring(given)
