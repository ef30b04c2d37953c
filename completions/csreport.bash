# bash completion for csreport(1)
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

_csreport() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local sub='' arg='' i w opts
	COMPREPLY=()
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		-C | --month | --lawyer | --office | --quarter | --half | --year | \
			--as-of | --format) ((i++)) ;;
		-*) ;;
		*)
			if [[ -z $sub ]]; then
				sub=$w
			elif [[ -z $arg ]]; then
				arg=$w
			fi
			;;
		esac
	done
	case $prev in
	-C)
		COMPREPLY=($(compgen -d -- "$cur"))
		return
		;;
	--lawyer)
		COMPREPLY=($(compgen -W "$(_cs_slugs lawyers)" -- "$cur"))
		return
		;;
	--office)
		COMPREPLY=($(compgen -W "$(_cs_slugs offices)" -- "$cur"))
		return
		;;
	--format)
		COMPREPLY=($(compgen -W 'text yaml json csv md html' -- "$cur"))
		return
		;;
	--as-of)
		COMPREPLY=($(compgen -W "$(_cs_refs) HEAD" -- "$cur"))
		return
		;;
	--month | --quarter | --half | --year)
		return
		;;
	esac
	if [[ -z $sub ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W '-C -h --help --version' -- "$cur"))
		else
			COMPREPLY=($(compgen -W 'monthly period assess stipend card' -- "$cur"))
		fi
		return
	fi
	case $sub in
	monthly) opts='--month --lawyer --office --district --all --commit --reveal
		--as-of --format --bom' ;;
	period) opts='--quarter --half --year --lawyer --office --district
		--reveal --as-of --format --bom' ;;
	assess) opts='--year --commit --as-of --format --bom' ;;
	stipend) opts='--month --as-of --format --bom' ;;
	card)
		if [[ -z $arg && $cur != -* ]]; then
			COMPREPLY=($(compgen -W "$(_cs_slugs communities)" -- "$cur"))
			return
		fi
		opts='--reveal --as-of --format --bom'
		;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts -C -h --help" -- "$cur"))
	fi
}
complete -F _csreport csreport
