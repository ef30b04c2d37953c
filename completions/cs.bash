# bash completion for the cs commands (csinit csassign cslog cscheck csreport).
# The candidates come from the command itself (CMD --complete WORD...), which
# knows its verbs and options and reads the store for ids, slugs and heads.
_cs_candidates() { # command, words after it up to the one being completed
	local cmd=$1
	shift
	"$cmd" --complete "$@" 2> /dev/null
}
_cs_complete() {
	local IFS=$'\n'
	COMPREPLY=($(_cs_candidates "${COMP_WORDS[0]}" "${COMP_WORDS[@]:1:COMP_CWORD}"))
	# a directory stays open for more
	[[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == */ ]] && compopt -o nospace 2> /dev/null
	return 0
}
complete -F _cs_complete csinit csassign cslog cscheck csreport
