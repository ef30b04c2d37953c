# fish completion for the cs commands: the candidates come from the command
# itself (CMD --complete WORD...), which knows its verbs and options and
# reads the store for ids, slugs and heads.
function __cs_candidates --description 'candidates of a cs command: command, words...'
	$argv[1] --complete $argv[2..-1] 2> /dev/null
end
function __cs_complete
	set -l words (commandline -opc)
	__cs_candidates $words (commandline -ct)
end
for c in csinit csassign cslog cscheck csreport
	complete -c $c -f -a '(__cs_complete)'
end
