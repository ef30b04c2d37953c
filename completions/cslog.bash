# bash completion for cslog(1)
# Store and slug helpers (the same in every cs completion file).
_cs_store() { # the store: -C DIR on the line, else $CS_STORE, else walk up to cs.yaml
	local i d
	for ((i = 1; i < COMP_CWORD; i++)); do
		if [[ ${COMP_WORDS[i]} == -C ]]; then
			d=${COMP_WORDS[i + 1]}
			printf '%s\n' "${d/#\~/$HOME}"
			return 0
		fi
	done
	if [[ -n $CS_STORE ]]; then
		printf '%s\n' "$CS_STORE"
		return 0
	fi
	d=$PWD
	while :; do
		[[ -f $d/cs.yaml ]] && { printf '%s\n' "$d"; return 0; }
		[[ -z $d || $d == / ]] && return 1
		d=${d%/*}
	done
}
_cs_slugs() { # records/PLURAL: file names without .yaml, from the tree or HEAD
	local s
	s=$(_cs_store) || return 0
	if [[ -d $s/records/$1 ]]; then
		ls "$s/records/$1" 2> /dev/null | sed -n 's/\.yaml$//p'
	else
		git -C "$s" ls-tree --name-only "HEAD:records/$1" 2> /dev/null |
			sed -n 's/\.yaml$//p'
	fi
}
_cs_refs() { # git branches and tags of the store
	local s
	s=$(_cs_store) || return 0
	git -C "$s" for-each-ref --format='%(refname:short)' 2> /dev/null
}

_cslog_kinds='consultation legal-aid mediation lecture training publicity drafting
	negotiation office-hours research request conflict-report gift representation
	visit spot-check feedback meeting'

_cslog_fields() { # field names --set can set for a kind
	local f='date start end community lawyer channel content result typical'
	case $1 in
	legal-aid) f+=' aid_org' ;;
	mediation) f+=' parties outcome' ;;
	lecture) f+=' topic attendees' ;;
	training) f+=' topic attendees audience' ;;
	office-hours) f+=' place' ;;
	request) f+=' received_at accepted_at from' ;;
	conflict-report) f+=' parties reported_to' ;;
	gift) f+=' item value giver' ;;
	representation) f+=' case_no parties client opposing opposing_type forum' ;;
	visit) f+=' office visitor evaluation' ;;
	spot-check) f+=' office inspector' ;;
	feedback) f+=' score by' ;;
	meeting) f+=' meeting_type attendees participants' ;;
	esac
	printf '%s\n' $f
}

_cslog() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local verb='' kind='' i w opts
	COMPREPLY=()
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		-C) ((i++)) ;;
		--community | --lawyer | --date | --start | --end | --channel | \
			--target-type | --target-name | --target-contact | --content | \
			--result | --set | --kind | --since | --until | --month | \
			--format | --by | --on | --reason) ((i++)) ;;
		-*) ;;
		*)
			if [[ -z $verb ]]; then
				verb=$w
			elif [[ $verb == add && -z $kind ]]; then
				kind=$w
			fi
			;;
		esac
	done
	case $prev in
	-C)
		COMPREPLY=($(compgen -d -- "$cur"))
		return
		;;
	--community)
		COMPREPLY=($(compgen -W "$(_cs_slugs communities)" -- "$cur"))
		return
		;;
	--lawyer)
		COMPREPLY=($(compgen -W "$(_cs_slugs lawyers)" -- "$cur"))
		return
		;;
	--channel)
		COMPREPLY=($(compgen -W 'in-person phone email online' -- "$cur"))
		return
		;;
	--target-type)
		COMPREPLY=($(compgen -W 'resident committee organisation mediators
			community-workers group other' -- "$cur"))
		return
		;;
	--kind)
		COMPREPLY=($(compgen -W "$_cslog_kinds" -- "$cur"))
		return
		;;
	--format)
		COMPREPLY=($(compgen -W 'text yaml json csv md html' -- "$cur"))
		return
		;;
	--set)
		COMPREPLY=($(compgen -S = -W "$(_cslog_fields "$kind")" -- "$cur"))
		compopt -o nospace 2> /dev/null
		return
		;;
	--date | --start | --end | --target-name | --target-contact | --content | \
		--result | --since | --until | --month | --by | --on | --reason)
		return
		;;
	esac
	if [[ -z $verb ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W '-C -h --help --version' -- "$cur"))
		else
			COMPREPLY=($(compgen -W 'add list show sign accept amend void history
				import' -- "$cur"))
		fi
		return
	fi
	case $verb in
	add)
		if [[ -z $kind && $cur != -?* ]]; then
			COMPREPLY=($(compgen -W "$_cslog_kinds -" -- "$cur"))
			return
		fi
		opts='-e --community --lawyer --date --start --end --channel
			--target-type --target-name --target-contact --content --result --set'
		;;
	list) opts='--community --lawyer --kind --since --until --month --unsigned
		--format' ;;
	show | history) opts='--format' ;;
	sign) opts='--by' ;;
	accept) opts='--on' ;;
	amend) opts='--set --reason' ;;
	void) opts='--reason' ;;
	import)
		if [[ $cur != -* ]]; then
			COMPREPLY=($(compgen -f -X '!*.[cC][sS][vV]' -- "$cur") $(compgen -d -- "$cur"))
			return
		fi
		opts=''
		;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts -C -h --help" -- "$cur"))
	fi
}
complete -F _cslog cslog
