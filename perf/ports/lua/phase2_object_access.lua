-- Port of the corpus benchmark phase2_object_access: field get/set on a struct (a table with named
-- fields) and a tuple (a 3-element sequence) in tight loops.
local function tuple_loop(n)
  local t = { 1, 2, 3 }
  local i = 0
  local sum = 0
  while i < n do
    t[1] = t[1] + 1
    t[2] = t[2] + 2
    t[3] = t[3] + 3
    sum = sum + t[1] + t[2] + t[3]
    i = i + 1
  end
  return sum
end

local function struct_loop(n)
  local p = { x = 1, y = 2 }
  local i = 0
  local sum = 0
  while i < n do
    p.x = p.x + 1
    p.y = p.y + 2
    sum = sum + p.x + p.y
    i = i + 1
  end
  return sum
end

return function(n)
  return struct_loop(n) + tuple_loop(n)
end
