#!/usr/bin/env bash
# polgraph help, COMMAND -h, --version and usage errors.
. "$(dirname "$0")/lib.sh"

polgraph help >out 2>err
check_eq "help: exit" $? 0
for cmd in ingest extract show articles stats; do
	check_grep "help lists $cmd" "^  $cmd " out
	polgraph "$cmd" --help >cmd.out 2>&1
	check_eq "$cmd --help: exit" $? 0
	check_grep "$cmd --help shows usage" "^usage: polgraph .*$cmd" cmd.out
	polgraph help "$cmd" >help.out
	check_file "help $cmd == $cmd --help" cmd.out help.out
	polgraph "$cmd" -h >h.out
	check_file "$cmd -h == $cmd --help" cmd.out h.out
done
check_eq "help output goes to stdout only" "$(cat err)" ""

check_eq "--version" "$(polgraph --version)" "polgraph 0.1.0"
check_eq "version" "$(polgraph version)" "polgraph 0.1.0"

polgraph >out 2>err
check_eq "no command: exit" $? 2
check_grep "no command: message" "^polgraph: error: no command given$" err

polgraph frobnicate >out 2>err
check_eq "unknown command: exit" $? 2
check_grep "unknown command: message" "^polgraph: error: unknown command 'frobnicate'$" err
check_eq "unknown command: nothing on stdout" "$(cat out)" ""

polgraph --bogus stats >out 2>err
check_eq "unknown global option: exit" $? 2
check_grep "unknown global option: message" "unknown option '--bogus'" err

polgraph extract --nope >out 2>err
check_eq "unknown command option: exit" $? 2
check_grep "unknown command option: message" "^polgraph: error: unknown option '--nope'$" err
check_grep "unknown command option: usage line" "^usage: polgraph extract" err

polgraph extract --format >out 2>err
check_eq "missing option value: exit" $? 2
check_grep "missing option value: message" "option '--format' needs a value" err

polgraph extract --format xml x.txt >out 2>err
check_eq "bad format: exit" $? 2
check_grep "bad format: message" "unknown format 'xml'" err

polgraph help nosuch >out 2>err
check_eq "help for unknown command: exit" $? 2

polgraph show >out 2>err
check_eq "show without id: exit" $? 2

finish
