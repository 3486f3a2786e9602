-- Gives back the slots of a reservation that will never be used (its waiter was cancelled, or woke
-- too late), in any order. In each limit:
-- * the last reservation (the arrival time is still the one it set) sets the arrival time back to
--   what it was before, and so does every earlier one given back already (a hole whose arrival time
--   is the new last one): after N cancellations, in any order, nothing of them stays reserved;
-- * any other becomes a hole: the next request whose time is exactly that slot takes it instead of a
--   new one (reserve.lua).
-- KEYS[2i-1], KEYS[2i]  limit i's arrival-time key and its holes key
-- ARGV[1]   the reservation's slot (µs, Redis clock)
-- ARGV[2i], ARGV[2i+1]  the old and new arrival time of limit i, as reserve.lua answered them
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local slot = ARGV[1]
local given = 0
for i = 1, #KEYS / 2 do
  local tk, hk = KEYS[2 * i - 1], KEYS[2 * i]
  local old, new = ARGV[2 * i], ARGV[2 * i + 1]
  local current = redis.call('GET', tk)
  if current == new then
    local tat = old
    for _ = 1, redis.call('ZCARD', hk) do
      local top = redis.call('ZREVRANGE', hk, 0, 0)[1]
      local topNew, topOld = string.match(top, '^(%S+) (%S+) ')
      if topNew ~= tat then break end
      redis.call('ZREM', hk, top)
      tat = topOld
    end
    local v = tonumber(tat)
    if v > now then
      local ttl = math.floor((v - now) / 1000) + 1
      redis.call('SET', tk, tat, 'PX', ttl)
      redis.call('PEXPIRE', hk, ttl)
    else
      redis.call('DEL', tk, hk)
    end
    given = given + 1
  elseif current and tonumber(new) > now then
    redis.call('ZADD', hk, new, new .. ' ' .. old .. ' ' .. slot)
    local ttl = redis.call('PTTL', tk)
    if ttl > 0 then redis.call('PEXPIRE', hk, ttl) end
    given = given + 1
  end
end
return tostring(given)
