# bash completion for cscheck(1)
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

_cscheck_rules='art7.visit art9.office-hours art9.lecture art9.training art10.accept
	art11.signed art11.one-record art13.conflict art15.privacy art16.gift
	art17.notice art18.report art20.meeting art21.replace'

_cscheck() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local i audit='' head
	COMPREPLY=()
	for ((i = 1; i < COMP_CWORD; i++)); do
		[[ ${COMP_WORDS[i]} == --audit ]] && audit=1
	done
	case $prev in
	-C)
		COMPREPLY=($(compgen -d -- "$cur"))
		return
		;;
	--format)
		COMPREPLY=($(compgen -W 'text yaml json csv md html' -- "$cur"))
		return
		;;
	--rules) # a comma-separated list: complete the id after the last comma
		head=''
		[[ $cur == *,* ]] && head=${cur%,*},
		COMPREPLY=($(compgen -P "$head" -W "$_cscheck_rules" -- "${cur##*,}"))
		return
		;;
	--as-of | --since | --against)
		COMPREPLY=($(compgen -W "$(_cs_refs) HEAD" -- "$cur"))
		return
		;;
	--period | --today)
		return
		;;
	esac
	if [[ $cur == -* ]]; then
		if [[ -n $audit ]]; then
			COMPREPLY=($(compgen -W '-C --since --against --format -h --help
				--version' -- "$cur"))
		else
			COMPREPLY=($(compgen -W '-C --period --rules --as-of --today --worktree
				--format --audit --since --against -h --help --version' -- "$cur"))
		fi
	fi
}
complete -F _cscheck cscheck
