#!/usr/bin/env bash
# polgraph query's sandbox and limits: every escape fails with a clear
# message and exit status 1, and runaway scripts end within the small
# limits given here (each case takes well under two seconds).
. "$(dirname "$0")/lib.sh"

polgraph -q ingest "$SRC/data/sample" 2>/dev/null
U="is not available in the sandbox (polgraph query --unsafe allows it)"

# refused LABEL MESSAGE CODE [OPTIONS...]: exit 1, exactly MESSAGE.
refused() {
	local label=$1 want=$2 code=$3
	shift 3
	polgraph query "$@" -e "$code" >out 2>err
	check_eq "$label: exit" $? 1
	check_eq "$label: message" "$(cat err)" "polgraph: error: $want"
}

refused "os.execute" "(command line):1: os.execute $U" 'os.execute("touch pwned")'
refused "os.getenv" "(command line):1: os.getenv $U" 'print(os.getenv("HOME"))'
refused "os.remove" "(command line):1: os.remove $U" 'os.remove("test.db")'
refused "os.exit" "(command line):1: os.exit $U" 'os.exit(0)'
refused "io.popen" "(command line):1: io.popen $U" 'io.popen("id")'
refused "io.open" "(command line):1: io.open $U" 'io.open("test.db", "w")'
refused "io.lines" "(command line):1: io.lines $U" 'for l in io.lines("/etc/passwd") do end'
refused "io.output" "(command line):1: io.output $U" 'io.output("x")'
refused "dofile" "(command line):1: dofile $U" 'dofile("/etc/passwd")'
refused "loadfile" "(command line):1: loadfile $U" 'loadfile("/etc/passwd")'
refused "require of a C module" \
	"(command line):1: require 'lpeg' is not available in the sandbox (only 'polgraph' is)" \
	'require("lpeg")'
refused "package.loadlib" "(command line):1: package $U" 'package.loadlib("libc.so.6", "system")'
refused "package.cpath" "(command line):1: package $U" 'print(package.cpath)'
refused "debug.sethook" "(command line):1: debug $U" 'debug.sethook()'
refused "debug.getregistry" "(command line):1: debug $U" 'debug.getregistry()'
refused "string.dump" "(command line):1: attempt to call a nil value (field 'dump')" \
	'string.dump(print)'
refused "('').dump" "(command line):1: attempt to call a nil value (field 'dump')" \
	'("").dump(function() end)'
check_eq "dump is gone from the strings' metatable too" \
	"$(polgraph query -e 'local mt = getmetatable("")
		print(mt.__index == string, mt.__index.dump, ("x").dump)')" \
	"$(printf 'true\tnil\tnil')"
check_eq "load refuses bytecode" \
	"$(polgraph query -e 'print(load("\27Lua\84\0", "b", "b"))')" \
	"$(printf 'nil\tattempt to load a binary chunk (mode is '"'t'"')')"
check_eq "load still takes text" "$(polgraph query -e 'print(load("return 6 * 7")())')" 42
check_eq "require 'polgraph' is pg" "$(polgraph query -e 'print(require("polgraph") == pg)')" true
check_eq "io.write to stdout" "$(polgraph query -e 'io.write("a", 1, "\n")')" a1
check_eq "nothing was written" "$(ls pwned x 2>/dev/null)" ""

# Runaway scripts.
printf 'local n = 0\nwhile true do\n\tn = n + 1\nend\n' >loop.lua
polgraph query --max-instructions 100000 loop.lua >out 2>err
check_eq "instruction limit: file:line" "$(cat err)" \
	"polgraph: error: loop.lua:3: instruction limit of 100000 exceeded"
refused "pcall cannot swallow the instruction limit" \
	"(command line):1: instruction limit of 100000 exceeded" \
	'local function f() while true do end end while true do pcall(f) end' \
	--max-instructions 100000
refused "xpcall cannot either" \
	"(command line):2: instruction limit of 100000 exceeded" \
	'local function f() while true do end end
	 while true do xpcall(f, function(m) return m end) end' \
	--max-instructions 100000
refused "coroutines share the budget" \
	"(command line):4: instruction limit of 1000000 exceeded" \
	'local co = {}
	 for i = 1, 200 do co[i] = coroutine.wrap(function()
		while true do for _ = 1, 900 do end coroutine.yield() end end) end
	 while true do for i = 1, 200 do pcall(co[i]) end end' \
	--max-instructions 1000000
refused "memory limit" "memory limit of 8 MB exceeded" \
	'local t = {} for i = 1, 1e8 do t[i] = i end' --max-memory 8
refused "memory limit: big string" "memory limit of 8 MB exceeded" \
	'local s = string.rep("x", 64 * 1024 * 1024)' --max-memory 8
refused "CPU time in one C function (string.find)" \
	"CPU time limit of 1 s exceeded (--timeout)" \
	'string.rep("a", 500):find(".-.-.-b")' --timeout 1
refused "CPU time with pcall and no instruction limit" \
	"CPU time limit of 0.3 s exceeded (--timeout)" \
	'local t = {} while true do pcall(function() t[#t % 100 + 1] = string.rep("x", 1000) end) end' \
	--timeout 0.3 --max-instructions 0
# Promptly, in CPU seconds (wall time depends on the machine's load).
/usr/bin/time -f '%U %S' -o cpu.txt "$POLGRAPH" query --timeout 1 \
	-e 'string.rep("a", 500):find(".-.-.-b")' >/dev/null 2>&1
check_eq "CPU limit ends the process within 2 CPU seconds" \
	"$(tail -n 1 cpu.txt | awk '{ print ($1 + $2 < 2.5) }')" 1
check_status "bad --timeout" 2 polgraph query --timeout soon -e 'print(1)'
check_status "bad --max-memory" 2 polgraph query --max-memory lots -e 'print(1)'

# --unsafe lifts the sandbox for trusted scripts.
check_eq "unsafe: io.open" \
	"$(polgraph query --unsafe -e 'local f = assert(io.open("u.txt", "w")) f:write("ok") f:close() print(io.open("u.txt"):read("a"))')" ok
check_eq "unsafe: os.getenv" "$(X=42 polgraph query --unsafe -e 'print(os.getenv("X"))')" 42
check_eq "unsafe: string.dump" "$(polgraph query --unsafe -e 'print(type(string.dump(print ~= nil and function() end)))')" string
check_eq "unsafe: require polgraph" "$(polgraph query --unsafe -e 'print(require("polgraph") == pg)')" true
finish
