-- Stores a checkpoint under a lease (CheckpointStore.write): only if the lease is still the name's
-- current tenure, i.e. its key exists (not expired) and holds exactly "<owner>:<fence>".
-- KEYS[1] the lease key; KEYS[2] the checkpoint key
-- ARGV[1] "<owner>:<fence>" of the writer's lease; ARGV[2] the id
-- Returns '1' when stored, '0' when refused (nothing changed).
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[2], ARGV[2])
  return '1'
end
return '0'
