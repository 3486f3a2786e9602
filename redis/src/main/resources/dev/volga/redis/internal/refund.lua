-- Gives back the slots of a reservation that will never be used (its waiter was cancelled, or woke
-- too late), in any order. In each limit:
-- * the last reservation (the arrival time is still the one it set) sets the arrival time back to
--   what it was before, and so does every earlier one given back already (a hole whose arrival time
--   is the new last one): after N cancellations, in any order, nothing of them stays reserved; their
--   entries leave the slots set too, so the window (reserve.lua) does not count them;
-- * any other becomes a hole: the next request whose time is exactly that slot takes it instead of a
--   new one (reserve.lua); its entry stays in the slots set, as the hole's reuse is at that slot;
-- * one given back too late (its arrival time passed, or the limit expired) leaves its entry: a
--   phantom slot that delays later ones within its window, never lets one more through.
-- The slots set is never deleted here: it outlives the arrival time by one window.
-- KEYS[3i-2], KEYS[3i-1], KEYS[3i]  limit i's arrival-time key, holes key and slots key
-- ARGV[1]   the reservation's slot (µs, Redis clock)
-- ARGV[2i], ARGV[2i+1]  the old and new arrival time of limit i, as reserve.lua answered them
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local slot = ARGV[1]
local given = 0
for i = 1, #KEYS / 3 do
  local tk, hk, sk = KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i]
  local old, new = ARGV[2 * i], ARGV[2 * i + 1]
  local current = redis.call('GET', tk)
  if current == new then
    redis.call('ZREM', sk, new)
    local tat = old
    for _ = 1, redis.call('ZCARD', hk) do
      local top = redis.call('ZREVRANGE', hk, 0, 0)[1]
      local topNew, topOld = string.match(top, '^(%S+) (%S+) ')
      if topNew ~= tat then break end
      redis.call('ZREM', hk, top)
      redis.call('ZREM', sk, topNew)
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
