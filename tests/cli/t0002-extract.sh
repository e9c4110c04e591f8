#!/usr/bin/env bash
# polgraph extract: one JSON line per article, in input order, with the
# date header read and sentence spans that cut the text where they should.
. "$(dirname "$0")/lib.sh"

# Date header on the same line as the article (leading space allowed).
printf ' date 2025-10-17 Минск направил приглашения. Встречи прошли в Париже.\n' >same-line.txt
# Date header on its own line, then a title and a paragraph.
printf 'date 2025-09-30\nTalks in Geneva\n\nThe envoy met Mr. Smith on Monday. They spoke for an hour.\n' >next-line.txt
# No header at all.
printf 'No header here. Second sentence!\n' >plain.txt

polgraph extract same-line.txt next-line.txt plain.txt >out.jsonl 2>err
check_eq "exit status" $? 0
check_eq "nothing on stderr" "$(cat err)" ""
check_eq "one line per article" "$(wc -l <out.jsonl)" 3
check_eq "every line is a JSON object" "$(jq -c 'type' out.jsonl | sort -u)" '"object"'
check_eq "input order and ids" "$(jq -r .id out.jsonl)" "same-line.txt
next-line.txt
plain.txt"
check_eq "dates" "$(jq -r .date out.jsonl)" "2025-10-17
2025-09-30
null"
check_eq "languages detected" "$(jq -r .lang out.jsonl)" "ru
en
en"
check_eq "contract keys" "$(jq -c '[has("id","date","lang","sentences","actors","relations","comentions")] | all' out.jsonl | sort -u)" "true"

# Byte spans cut the article text (header removed) into its sentences.
spans() { # FILE-BODY LINE-NUMBER -> one sentence per line
	local body=$1 n=$2
	sed -n "${n}p" out.jsonl | jq -r '.sentences[] | "\(.start) \(.end)"' |
		while read -r start end; do
			tail -c +$((start + 1)) "$body" | head -c $((end - start))
			echo
		done
}
printf 'Минск направил приглашения. Встречи прошли в Париже.\n' >same-line.body
printf 'Talks in Geneva\n\nThe envoy met Mr. Smith on Monday. They spoke for an hour.\n' >next-line.body
check_eq "sentences, header on the same line" "$(spans same-line.body 1)" "Минск направил приглашения.
Встречи прошли в Париже."
check_eq "sentences, header on its own line" "$(spans next-line.body 2)" "Talks in Geneva
The envoy met Mr. Smith on Monday.
They spoke for an hour."
check_eq "paragraphs" "$(sed -n 2p out.jsonl | jq -c '[.sentences[].paragraph]')" "[0,1,1]"
check_eq "bytes field is the body length" "$(sed -n 1p out.jsonl | jq .bytes)" "$(wc -c <same-line.body)"

# stdin, JSON Lines sniffed.
printf '{"id":"a1","text":"One. Two.","date":"2025-10-01T09:30:00Z","title":"T","source":"S","url":"https://example.org/a1"}\n' |
	polgraph extract >stdin.jsonl
check_eq "stdin jsonl" "$(jq -c '[.id,.date,.title,.source,.url,(.sentences|length)]' stdin.jsonl)" \
	'["a1","2025-10-01","T","S","https://example.org/a1",2]'
# stdin, plain text sniffed; --lang and --source applied.
printf 'date 2025-10-02\nHello world.\n' | polgraph extract --lang ru --source desk - >stdin2.jsonl
check_eq "stdin text" "$(jq -c '[.id,.date,.lang,.source]' stdin2.jsonl)" '["<stdin>","2025-10-02","ru","desk"]'

# Bad input: named on stderr, the rest still printed, exit 1.
printf '{"id":"ok","text":"Fine."}\n{"id":"broken",\n{"id":"notext"}\n' >mixed.jsonl
polgraph extract mixed.jsonl plain.txt >mixed.out 2>mixed.err
check_eq "bad input exit status" $? 1
check_eq "good articles still printed" "$(jq -r .id mixed.out)" "ok
plain.txt"
check_eq "each bad line named" "$(cat mixed.err)" "polgraph: error: mixed.jsonl:2: malformed JSON near byte 16
polgraph: error: mixed.jsonl:3: missing required field 'text'
extracted 2, rejected 2"

# Output pipes: a closed pipe does not hang or corrupt.
for i in $(seq 1 200); do printf '{"id":"n%d","text":"Sentence %d."}\n' "$i" "$i"; done >many.jsonl
check_eq "pipes into head" "$(polgraph extract many.jsonl | head -n 1 | jq -r .id)" "n1"

finish
