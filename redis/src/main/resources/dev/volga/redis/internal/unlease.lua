-- Gives a lease up (CheckpointStore.release): deletes the lease key only if it still holds exactly
-- "<owner>:<fence>" of the releasing tenure; a newer holder's lease is kept.
-- KEYS[1] the lease key; ARGV[1] "<owner>:<fence>"
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return tostring(redis.call('DEL', KEYS[1]))
end
return '0'
