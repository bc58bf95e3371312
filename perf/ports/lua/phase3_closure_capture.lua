-- Port of the corpus benchmark phase3_closure_capture: 64 constants in scope that the closure does
-- not use, one capture-free closure, called n times.
return function(n)
  -- Visible bindings that the closure does not use (<const>, as Rusk's `const`).
  local a00 <const> = 0
  local a01 <const> = 1
  local a02 <const> = 2
  local a03 <const> = 3
  local a04 <const> = 4
  local a05 <const> = 5
  local a06 <const> = 6
  local a07 <const> = 7
  local a08 <const> = 8
  local a09 <const> = 9
  local a10 <const> = 10
  local a11 <const> = 11
  local a12 <const> = 12
  local a13 <const> = 13
  local a14 <const> = 14
  local a15 <const> = 15
  local a16 <const> = 16
  local a17 <const> = 17
  local a18 <const> = 18
  local a19 <const> = 19
  local a20 <const> = 20
  local a21 <const> = 21
  local a22 <const> = 22
  local a23 <const> = 23
  local a24 <const> = 24
  local a25 <const> = 25
  local a26 <const> = 26
  local a27 <const> = 27
  local a28 <const> = 28
  local a29 <const> = 29
  local a30 <const> = 30
  local a31 <const> = 31
  local a32 <const> = 32
  local a33 <const> = 33
  local a34 <const> = 34
  local a35 <const> = 35
  local a36 <const> = 36
  local a37 <const> = 37
  local a38 <const> = 38
  local a39 <const> = 39
  local a40 <const> = 40
  local a41 <const> = 41
  local a42 <const> = 42
  local a43 <const> = 43
  local a44 <const> = 44
  local a45 <const> = 45
  local a46 <const> = 46
  local a47 <const> = 47
  local a48 <const> = 48
  local a49 <const> = 49
  local a50 <const> = 50
  local a51 <const> = 51
  local a52 <const> = 52
  local a53 <const> = 53
  local a54 <const> = 54
  local a55 <const> = 55
  local a56 <const> = 56
  local a57 <const> = 57
  local a58 <const> = 58
  local a59 <const> = 59
  local a60 <const> = 60
  local a61 <const> = 61
  local a62 <const> = 62
  local a63 <const> = 63

  -- Capture-free closure: only uses its parameter.
  local f = function(x) return x end

  local i = 0
  local sum = 0
  while i < n do
    sum = sum + f(i)
    i = i + 1
  end

  -- Keep at least one constant used, as the original does.
  return sum + a00 + a63
end
