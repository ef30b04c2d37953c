# bash completion for csassign(1)
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

_csassign() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local noun='' verb='' arg='' i w opts
	COMPREPLY=()
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		-C | --name | --phone | --address | --firm | --email | --licence | \
			--photo | --office | --head | --workroom | --format | --lawyer | \
			--community | --from | --schedule | --place | --agreement | \
			--effective | --filed | --reason | --approved-by | --on | \
			--agreement-date) ((i++)) ;;
		-*) ;;
		*)
			if [[ -z $noun ]]; then
				noun=$w
			elif [[ -z $verb ]]; then
				verb=$w
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
	--firm)
		COMPREPLY=($(compgen -W "$(_cs_slugs firms)" -- "$cur"))
		return
		;;
	--office)
		COMPREPLY=($(compgen -W "$(_cs_slugs offices)" -- "$cur"))
		return
		;;
	--lawyer)
		COMPREPLY=($(compgen -W "$(_cs_slugs lawyers)" -- "$cur"))
		return
		;;
	--community)
		COMPREPLY=($(compgen -W "$(_cs_slugs communities)" -- "$cur"))
		return
		;;
	--format)
		COMPREPLY=($(compgen -W 'text yaml json csv md html' -- "$cur"))
		return
		;;
	--photo)
		COMPREPLY=($(compgen -f -- "$cur"))
		return
		;;
	--name | --phone | --address | --email | --licence | --head | --workroom | \
		--from | --schedule | --place | --agreement | --effective | --filed | \
		--reason | --approved-by | --on | --agreement-date)
		return
		;;
	esac
	if [[ -z $noun ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W '-C -h --help --version' -- "$cur"))
		else
			COMPREPLY=($(compgen -W 'office firm lawyer community pair change end
				who' -- "$cur"))
		fi
		return
	fi
	case $noun in
	office | firm | lawyer | community)
		if [[ -z $verb ]]; then
			[[ $cur != -* ]] && COMPREPLY=($(compgen -W 'add list show' -- "$cur"))
			return
		fi
		case $verb in
		add)
			case $noun in
			office) opts='--name --phone --address' ;;
			firm) opts='--name --phone --address' ;;
			lawyer) opts='--name --firm --phone --email --licence --photo' ;;
			community) opts='--name --office --head --workroom' ;;
			esac
			;;
		list) opts='--format' ;;
		show)
			if [[ -z $arg && $cur != -* ]]; then
				local plural=${noun}s
				[[ $noun == community ]] && plural=communities
				COMPREPLY=($(compgen -W "$(_cs_slugs "$plural")" -- "$cur"))
				return
			fi
			opts='--format'
			;;
		esac
		;;
	pair) opts='--lawyer --community --from --schedule --place --agreement
		--agreement-date' ;;
	change | end)
		if [[ -z $verb && $cur != -* ]]; then
			COMPREPLY=($(compgen -W "$(_cs_slugs assignments)" -- "$cur"))
			return
		fi
		if [[ $noun == change ]]; then
			opts='--lawyer --schedule --community --effective --filed --reason
				--approved-by'
		else
			opts='--on --reason'
		fi
		;;
	who)
		if [[ -z $verb && $cur != -* ]]; then
			COMPREPLY=($(compgen -W "$(_cs_slugs communities)" -- "$cur"))
			return
		fi
		opts='--on --format'
		;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts -C -h --help" -- "$cur"))
	fi
}
complete -F _csassign csassign
