# make bench: a stream of the generator's YAML records ("---" between them)
# converted for the peers, -v to=rec (GNU recutils: one record per entry, a
# field per YAML field, Target_name for target.name, one Parties field per
# item, and Month, the date's YYYY-MM, to group by) or -v to=journal (hledger:
# one transaction per entry on its date, the content as description, kind,
# lawyer and id as tags, 1 posted to community:<slug>). The records are the
# generator's: top-level "key: value", one nested map, block lists.

function unquote(v) {
	if (v ~ /^'.*'$/) {
		v = substr(v, 2, length(v) - 2)
		gsub(/''/, "'", v)
	}
	return v
}

function field(k) {
	gsub(/-/, "_", k)
	return toupper(substr(k, 1, 1)) substr(k, 2)
}

function flush(   i) {
	if (!nf)
		return
	if (to == "rec") {
		printf "%s", out
		if (date != "")
			printf "Month: %s\n", substr(date, 1, 7)
		printf "\n"
	} else if (date != "") {
		printf "%s (%s) %s  ; kind:%s, lawyer:%s\n    community:%s  1\n    entries\n\n", date, id,
			content == "" ? kind : content, kind, lawyer == "" ? "-" : lawyer,
			community == "" ? "-" : community
	}
	nf = 0
	out = date = id = content = kind = lawyer = community = parent = ""
}

$0 == "---" { flush(); next }
/^$/ { next }
/^[a-z_]+:/ {
	k = $0
	sub(/:.*/, "", k)
	v = substr($0, length(k) + 2)
	sub(/^ /, "", v)
	v = unquote(v)
	nf++
	if (v == "") {
		parent = k
		next
	}
	parent = ""
	if (k == "date") date = v
	else if (k == "id") id = v
	else if (k == "kind") kind = v
	else if (k == "lawyer") lawyer = v
	else if (k == "community") community = v
	else if (k == "content") content = v
	if (to == "rec")
		out = out field(k) ": " v "\n"
	next
}
/^  [a-z_]+:/ {
	k = $0
	sub(/^  /, "", k)
	sub(/:.*/, "", k)
	v = substr($0, length(k) + 5)
	sub(/^ /, "", v)
	if (to == "rec")
		out = out field(parent) "_" k ": " unquote(v) "\n"
	next
}
/^- / {
	if (to == "rec")
		out = out field(parent) ": " unquote(substr($0, 3)) "\n"
	next
}
END { flush() }
