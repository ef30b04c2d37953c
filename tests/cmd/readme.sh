# The README's tour ("A clerk's day") is what the commands do: every
# "    $ command" line of it is run, in order, in one shell, and its output
# (standard output and error together) is compared with the lines the
# README shows under it. Generated ids differ from run to run: the n-th new
# id the commands print stands for the README's n-th, in the commands that
# follow (a prefix of it too) and in the outputs compared.
. "$CS_TOP/tests/cmd/lib.sh"
unset CS_NOW CS_AUTHOR
readme=$CS_TOP/README
D=$scratch
idre='[0-9]{8}-[0-9a-hjkmnp-tv-z]{6}'

# The README's ids in the order its outputs first show them.
awk '/^## A clerk.s day/ { on = 1; next } on && /^## / { exit } on' "$readme" > "$D/tour.md"
awk '
	/^    \$ / { cmd = 1; more = ($0 ~ /\\$/); next }
	cmd && more { more = ($0 ~ /\\$/); next }
	{ cmd = 0 }
	/^    / { print }' "$D/tour.md" | grep -oE "$idre" | awk '!s[$0]++' > "$D/ids.readme"

# The tour as a script: each command, its README ids (and prefixes of them)
# replaced by the ids this run printed in their place; each output kept.
awk -v D="$D" -v ids="$D/ids.readme" '
	BEGIN { while ((getline id < ids) > 0) { n_ids++; readme_id[n_ids] = id } }
	function subst(s,    k, p, out, tok) {
		out = ""
		while (match(s, /[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9a-z]+/)) { # (mawk has no {n})
			tok = substr(s, RSTART, RLENGTH); p = ""
			for (k = 1; k <= n_ids; k++)
				if (index(readme_id[k], tok) == 1) { p = "${ID_" k "}"; break }
			out = out substr(s, 1, RSTART - 1) (p != "" ? p : tok)
			s = substr(s, RSTART + RLENGTH)
		}
		return out s
	}
	/^    \$ / {
		n++; cmd = subst(substr($0, 7)); more = ($0 ~ /\\$/)
		want = D "/want." n; printf "" > want
		print substr($0, 7) > (D "/cmd." n)
		printf "{ %s", cmd > (D "/tour.sh")
		if (!more) printf "\n} > \"%s/got.%d\" 2>&1; new_ids \"%s/got.%d\"\n", D, n, D, n > (D "/tour.sh")
		else printf "\n" > (D "/tour.sh")
		incmd = more; inout = !more; next
	}
	incmd {
		line = $0; sub(/^    /, "", line)
		printf "%s", subst(line) > (D "/tour.sh")
		incmd = (line ~ /\\$/)
		if (!incmd) { printf "\n} > \"%s/got.%d\" 2>&1; new_ids \"%s/got.%d\"\n", D, n, D, n > (D "/tour.sh"); inout = 1 }
		else printf "\n" > (D "/tour.sh")
		next
	}
	inout && /^    / {
		for (; blank > 0; blank--) print "" >> want
		line = $0; sub(/^    /, "", line); print line >> want; next
	}
	inout && /^$/ { blank++; next }
	{ inout = 0; blank = 0 }
	END { print n > (D "/count") }
' "$D/tour.md"
n=$(cat "$D/count")
check 'the tour has commands' '[ "$n" -ge 20 ]'
: > "$D/known"
cat > "$D/run.sh" <<EOF
new_ids() {
	for id in \$(grep -oE '$idre' "\$1" | awk '!s[\$0]++'); do
		grep -qx "\$id" "$D/known" && continue
		echo "\$id" >> "$D/known"
		eval "ID_\$(wc -l < "$D/known" | tr -d ' ')=\$id"
	done
}
EOF
cat "$D/tour.sh" >> "$D/run.sh"
mkdir "$D/home" && (cd "$D/home" && sh "$D/run.sh") > "$D/run.out" 2>&1
check 'the commands print as many new ids as the README shows' \
	'[ "$(wc -l < "$D/known")" -eq "$(wc -l < "$D/ids.readme")" ]'
paste -d" " "$D/known" "$D/ids.readme" | awk 'NF == 2 { printf "s/%s/%s/g\n", $1, $2 }' > "$D/ids.sed"
i=1
while [ "$i" -le "$n" ]; do
	cmd=$(cut -c1-70 "$D/cmd.$i" 2>/dev/null)
	# and commits: their ids follow from the entries'
	sed -f "$D/ids.sed" "$D/got.$i" 2>/dev/null | sed -E 's/\b[0-9a-f]{12}\b/COMMIT/g' |
		sed -e ':a' -e '/^\n*$/{$d;N;ba' -e '}' > "$D/g"
	sed -E 's/\b[0-9a-f]{12}\b/COMMIT/g' "$D/want.$i" > "$D/w"
	if cmp -s "$D/g" "$D/w"; then
		echo "ok - README tour: $cmd"
	else
		echo "not ok - README tour: $cmd"
		diff "$D/w" "$D/g" | head -8 | sed 's/^/#   /'
	fi
	i=$((i + 1))
done
