# A store's own schemas (schemas/<kind>.schema.yaml, DESIGN 2) replace the built-in ones.
. "$CS_TOP/tests/cmd/lib.sh"

csinit s --district 自定区 2>/dev/null
cd s || exit 1
csassign office add o1 --name 甲所 >/dev/null
csassign firm add f1 --name 甲律所 >/dev/null
csassign lawyer add wang --name 王 --firm f1 >/dev/null
csassign community add c1 --name 东风 --office o1 --head 张 >/dev/null
csassign pair --lawyer wang --community c1 --from 2026-09-01 --schedule 'Wed 14:00-17:30' \
	--place 室 --agreement A >/dev/null
export CS_LAWYER=wang

expect 'without an override a field outside the schema is refused' 65 \
	cslog add consultation --date 2026-10-08 --set hotline=12348
mkdir -p schemas
# the district's consultation: the built-in schema plus a hotline field
sed 's/^  typical:$/  hotline:\n    type: string\n  typical:/' "$CS_TOP/schemas/consultation.schema.yaml" \
	> schemas/consultation.schema.yaml
git add schemas && git -c core.hooksPath=/dev/null commit -qm 'a local schema'
expect 'with the store'"'"'s schema the field is accepted' 0 \
	cslog add consultation --date 2026-10-08 --set hotline=12348
check 'and written in the schema'"'"'s order' 'git show HEAD:$(git log -1 --format=%B | sed -n "s/^Cs-Record: //p") | grep -q "^hotline: '"'"'12348'"'"'"'
expect 'cscheck validates against it too' 0 cscheck --rules schema

printf 'type: object\nproperties: [\n' > schemas/consultation.schema.yaml
git add schemas && git -c core.hooksPath=/dev/null commit -qm 'a broken schema'
expect 'a broken local schema is bad data naming the file' 65 cslog list
check 'the message names schemas/consultation.schema.yaml' 'err | grep -q "schemas/consultation.schema.yaml"'
