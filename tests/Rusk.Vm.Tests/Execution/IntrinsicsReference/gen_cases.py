# Generates the intrinsic cases run by the reference harness (one `Name|arg;arg;...` per line).
# Arg DSL: u | b:0/1 | i:N | f:HEXBITS | y:N (byte) | c:HEX (char) | s:TEXT | x:HEX (bytes) | fn:N |
# t:int|float|string|byte|char|bool|unit (typerep) | a:item,item (array; '=' for ':' inside) | tup |
# pt (struct Point{x:1,y:2}) | some:ITEM / none (Option<int>) | en:VARIANT (Option, no fields) |
# penum (enum value of type Point) ; suffix '!' = readonly view ; name prefix '~' = module without `Option`.
import sys
names=[l.strip() for l in open(sys.argv[1])]
C=[]
def add(n,*args): C.append(n+"|"+";".join(args))
for n in names:
    add(n)
    for s in ["u","i:-7","s:hi","x:0102","t:int","pt"]: add(n,s)
    for s1,s2 in [("i:1","i:2"),("f:3ff0000000000000","f:4000000000000000"),("b:1","b:0"),("u","u"),("y:200","i:3"),("t:int","a:i=1,i=2"),("s:abc","i:1")]:
        add(n,s1,s2)
    for a in [("s:abc","i:1","none"),("t:int","a:i=1,i=2","i:5"),("t:int","a:i=1","a:i=2"),("t:int","a:i=1,i=2,i=3","i:1","i:2")]:
        add(n,*a)
for a,b in [(7,-2),(-7,2),(-9223372036854775808,2),(9223372036854775807,1),(5,0),(0,0)]:
    for n in ["IntAdd","IntSub","IntMul","IntDiv","IntMod","IntAnd","IntOr","IntXor","IntEq","IntNe","IntLt","IntLe","IntGt","IntGe","HashCombine"]:
        add(n,f"i:{a}",f"i:{b}")
for sh in [0,1,7,8,63,64,-1,4294967296,-9223372036854775808]:
    for n in ["IntShl","IntShr","IntUShr"]: add(n,"i:-5",f"i:{sh}")
    for n in ["ByteShl","ByteShr","ByteUShr"]: add(n,"y:202",f"i:{sh}")
for n in ["ByteAnd","ByteOr","ByteXor"]: add(n,"y:202","y:85")
add("ByteNot","y:202"); add("ByteToInt","y:200"); add("BoolNot","b:1"); add("BoolEq","b:1","b:0"); add("BoolNe","b:1","b:0")
for v in [0,1,-1,255,256,-9223372036854775808,300]:
    for n in ["IntToByte","IntTryByte","HashInt","IntNot"]: add(n,f"i:{v}")
for v in [0,0x41,0xD7FF,0xD800,0xDFFF,0xE000,0x10FFFF,0x110000,-1,4294967295,4294967296]:
    for n in ["IntToChar","IntTryChar"]: add(n,f"i:{v}")
for c in ["0","41","e9","1f600","10ffff","27","a","301","22","5c"]:
    add("CharToInt",f"c:{c}"); add("ToString","t:char",f"c:{c}"); add("BoolNot",f"c:{c}")
fl=["0000000000000000","8000000000000000","3ff0000000000000","3ff8000000000000","444b1ae4d6e2ef50","3e60000000000000","4307dc638314e07a","7ff8000000000000","7ff0000000000000","fff0000000000000","0000000000000001","7fefffffffffffff","3fb999999999999a","3ee4f8b588e368f1"]
for f in fl:
    add("ToString","t:float",f"f:{f}"); add("IntAdd",f"f:{f}","i:1")
    for n in ["FloatAdd","FloatSub","FloatMul","FloatDiv","FloatMod","FloatEq","FloatNe","FloatLt","FloatLe","FloatGt","FloatGe"]:
        add(n,f"f:{f}","f:3ff8000000000000"); add(n,"f:c00c000000000000",f"f:{f}")
for v in ["u","b:1","b:0","i:-42","y:255","s:he\"llo","x:010203","fn:12","pt","a:i=1","tup","none","a:i=1!"]:
    add("ToString","t:int",v)
add("ToString","i:1","i:2")
for s in ["boom",""]: add("Panic",f"s:{s}")
add("StringConcat","s:ab","s:çd"); add("StringConcat","s:","s:")
for n in ["StringEq","StringNe"]: add(n,"s:ab","s:ab"); add(n,"s:ab","s:abc")
for n in ["BytesEq","BytesNe"]: add(n,"x:0102","x:0102"); add(n,"x:01","x:")
add("UnitEq","u","u"); add("UnitNe","u","u"); add("UnitEq","u","b:0")
for i in [-1,0,2,3,99]: add("BytesGet","x:010203",f"i:{i}"); add("~BytesGet","x:010203",f"i:{i}")
add("BytesLen","x:010203"); add("BytesLen","x:")
for n,src in [("BytesSlice","x:0a0b0c0d0e"),("StringByteSlice","s:hé!x")]:
    for fr,to in [(1,"some:i=3"),(2,"none"),(5,"none"),(0,"some:i=0"),(-1,"none"),(0,"some:i=-1"),(-1,"some:i=-1"),(2,"some:i=1"),(6,"none"),(0,"some:i=6"),(-1,"i:3"),(0,"pt"),(0,"penum"),(0,"some:b=1"),(0,"en:Some"),(0,"en:Maybe"),(0,"a:i=1"),(2,"some:i=3")]:
        add(n,src,f"i:{fr}",to)
    add("~"+n,src,"i:0","none"); add(n,src,"b:1","none")
add("BytesToArray","x:0007ff")
add("BytesFromArray","a:y=1,y=171"); add("BytesFromArray","a:"); add("BytesFromArray","a:y=1,i=2"); add("BytesFromArray","pt"); add("BytesFromArray","a:y=1!")
S="s:aé😀z"
for fr,to in [(1,"some:i=3"),(2,"none"),(4,"none"),(4,"some:i=4"),(0,"some:i=0"),(0,"some:i=4"),(-1,"none"),(0,"some:i=-1"),(2,"some:i=1"),(5,"none"),(5,"some:i=7"),(1,"some:i=5"),(-1,"i:0"),(0,"pt"),(0,"en:Maybe")]:
    add("StringSlice",S,f"i:{fr}",to)
add("~StringSlice",S,"i:0","none")
for i in [-1,0,1,2,3,5,6,7,8,100]:
    add("StringNextIndex",S,f"i:{i}"); add("StringCodepointAt",S,f"i:{i}")
add("StringCodepointAt","s:","i:0"); add("StringNextIndex","s:","i:0")
add("StringFromChars","a:c=68,c=e9,c=1f600"); add("StringFromChars","a:"); add("StringFromChars","a:c=61,i=1"); add("StringFromChars","pt"); add("StringFromChars","a:c=61!")
for h in ["618062","e282","eda080","f09f9880","c0af","f4908080","","68c3a9","ff","e180c280"]:
    add("StringFromUtf8",f"x:{h}"); add("StringFromUtf8Strict",f"x:{h}")
add("~StringFromUtf8Strict","x:41"); add("StringToUtf8Bytes","s:é")
U=["a:i=104,i=105,i=55357,i=56832,i=33","a:i=65,i=55357,i=66","a:i=56832,i=67","a:i=68,i=65536,i=-1,i=69","a:","a:c=61,i=98","a:i=55357","a:i=55357,i=65536","pt","a:i=1!"]
for u in U:
    for n in ["StringFromUtf16Le","StringFromUtf16Be","StringFromUtf16LeStrict","StringFromUtf16BeStrict"]: add(n,u)
add("~StringFromUtf16LeStrict","a:i=1"); add("~StringFromUtf16BeStrict","pt")
for t in ["","+","-","1","+1","-1","1.",".5","5.",".","1e5","1e","inf","NaN"," 1","1_000","1.8e308","1e-400","-0","9223372036854775807","9223372036854775808","-9223372036854775808","00","12a"]:
    add("FloatFromStringStrict",f"s:{t}"); add("IntFromStringStrict",f"s:{t}")
add("~FloatFromStringStrict","s:1"); add("~IntFromStringStrict","s:1")
for s in ["","a","abc","é"]: add("HashString",f"s:{s}")
for x in ["","61","c3a9"]: add("HashBytes",f"x:{x}")
A="a:i=1,i=2,i=3"
add("ArrayLen","t:int",A); add("ArrayLenRo","t:int",A+"!"); add("ArrayLen","t:int",A+"!"); add("ArrayLen","t:int","pt"); add("ArrayLenRo","t:int","pt"); add("ArrayLen","t:int","tup")
for n,extra in [("ArrayPush",["i:4"]),("ArrayPop",[]),("ArrayClear",[]),("ArrayResize",["i:5","i:9"]),("ArrayResize",["i:1","i:9"]),("ArrayResize",["i:-1","i:9"]),("ArrayResize",["i:0","i:9"]),("ArrayInsert",["i:1","i:9"]),("ArrayInsert",["i:3","i:9"]),("ArrayInsert",["i:4","i:9"]),("ArrayInsert",["i:-1","i:9"]),("ArrayRemove",["i:0"]),("ArrayRemove",["i:2"]),("ArrayRemove",["i:3"]),("ArrayRemove",["i:-1"]),("ArrayExtend",["a:i=7"]),("ArrayExtend",["a:i=7!"]),("ArrayExtend",["pt"]),("ArrayExtend",["i:1"])]:
    add(n,"t:int",A,*extra); add(n,"t:int",A+"!",*extra); add(n,"t:int","pt",*extra); add(n,"t:int","pt!",*extra); add(n,"t:int","tup",*extra)
add("~ArrayPop","t:int",A); add("~ArrayPop","t:int","a:")
add("ArrayPop","t:string","a:s=x,s=y"); add("ArrayPop","t:int","a:")
for n in ["ArrayConcat","ArrayConcatRo"]:
    add(n,"t:int","a:i=1","a:i=2"); add(n,"t:int","a:i=1!","a:i=2"); add(n,"t:int","pt","a:"); add(n,"t:int","a:","pt"); add(n,"t:int","pt","pt"); add(n,"t:int","a:pt","a:pt")
    add(n,"t:int","a:a=i=1","a:a=i=2")
for n in ["ArraySlice","ArraySliceRo"]:
    for s,e in [(1,3),(0,4),(-1,2),(0,-2),(3,2),(9,5),(0,5),(-1,-1),(2,1)]:
        add(n,"t:int","a:i=0,i=1,i=2,i=3",f"i:{s}",f"i:{e}")
    add(n,"t:int","pt","i:0","i:0"); add(n,"t:int","a:pt,pt","i:0","i:2")
sys.stdout.write("\n".join(C)+"\n")
