-- Port of the corpus benchmark phase1_var_loop (locals, int arithmetic, a compare-and-branch loop).
-- Lua 5.4 integers are 64-bit and wrap, as Rusk ints do.
return function(n)
  local i = 0
  local x = 0
  local y = 0
  while i < n do
    x = x + 1
    y = y + x
    i = i + 1
  end
  return x + y
end
