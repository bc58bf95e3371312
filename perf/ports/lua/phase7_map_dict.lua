-- Port of the corpus benchmark phase7_map_dict: a hash map with int keys (a Lua table): n inserts,
-- n lookups, n overwrites, n/2 removals, n lookups, then the size. A table has no O(1) count of its
-- entries, so the size is counted once at the end with pairs (n/2 steps).
return function(n)
  local m = {}

  -- Insert.
  for i = 0, n - 1 do m[i] = i + 1 end

  -- Lookup sum.
  local sum1 = 0
  for j = 0, n - 1 do
    local v = m[j]
    if v ~= nil then sum1 = sum1 + v end
  end

  -- Update (overwrite existing keys).
  for k = 0, n - 1 do m[k] = k + 2 end

  -- Remove every other key (even keys).
  for r = 0, n - 1 do
    if r % 2 == 0 then m[r] = nil end
  end

  -- Lookup sum after removals.
  local sum2 = 0
  for t = 0, n - 1 do
    local v = m[t]
    if v ~= nil then sum2 = sum2 + v end
  end

  local len = 0
  for _ in pairs(m) do len = len + 1 end
  return sum1 + sum2 + len
end
