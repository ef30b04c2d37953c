# fish completion for csassign(1)

# Store and slug helpers (the same in every cs completion file).
function __cs_store --description 'the cs store: -C DIR, else $CS_STORE, else the nearest parent with cs.yaml'
    set -l tokens (commandline -opc)
    set -l i (contains -i -- -C $tokens)
    if test -n "$i"; and test (count $tokens) -gt $i
        string replace -r '^~' -- $HOME $tokens[(math $i + 1)]
        return 0
    end
    if test -n "$CS_STORE"
        echo $CS_STORE
        return 0
    end
    set -l d $PWD
    while true
        if test -f "$d/cs.yaml"
            echo $d
            return 0
        end
        if test -z "$d"; or test "$d" = /
            return 1
        end
        set d (string replace -r '/[^/]*$' '' -- $d)
    end
end

function __cs_slugs --description 'slugs of records/PLURAL in the store'
    set -l s (__cs_store); or return 0
    if test -d "$s/records/$argv[1]"
        for f in $s/records/$argv[1]/*.yaml
            string replace -r '^.*/(.*)\.yaml$' '$1' -- $f
        end
    else
        git -C $s ls-tree --name-only HEAD:records/$argv[1] 2>/dev/null |
            string replace -r '\.yaml$' ''
    end
end

function __cs_refs --description 'branches and tags of the store'
    set -l s (__cs_store); or return 0
    git -C $s for-each-ref --format='%(refname:short)' 2>/dev/null
    echo HEAD
end

function __cs_positional --description 'positional words on the line; argv: the options that take a value'
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l skip 0
    for t in $tokens
        if test $skip = 1
            set skip 0
            continue
        end
        if contains -- $t $argv
            set skip 1
            continue
        end
        string match -q -- '-*' $t; and continue
        echo $t
    end
end

function __csassign_pos
    __cs_positional -C --name --phone --address --firm --email --licence --photo \
        --office --head --workroom --format --lawyer --community --from \
        --schedule --place --agreement --effective --filed --reason \
        --approved-by --on --agreement-date
end

function __csassign_at --description 'N positional words so far, the first one of the rest'
    set -l p (__csassign_pos)
    test (count $p) -eq $argv[1]; or return 1
    test (count $argv) -eq 1; and return 0
    contains -- $p[1] $argv[2..-1]
end

function __csassign_in --description 'the command is one of argv'
    set -l p (__csassign_pos)
    test (count $p) -ge 1; and contains -- $p[1] $argv
end

function __csassign_is --description 'the words are NOUN VERB [...]: argv is a list of nouns, then VERB'
    set -l p (__csassign_pos)
    test (count $p) -ge 2; or return 1
    test "$p[2]" = $argv[-1]; and contains -- $p[1] $argv[1..-2]
end

function __csassign_show --description 'csassign NOUN show, the slug still to come'
    set -l p (__csassign_pos)
    test (count $p) -eq 2; and test "$p[1]" = $argv[1]; and test "$p[2]" = show
end

complete -c csassign -f
complete -c csassign -s C -x -a '(__fish_complete_directories (commandline -ct))' -d 'use the store in DIR'
complete -c csassign -s h -l help -d 'print usage and exit'
complete -c csassign -n '__csassign_at 0' -l version -d 'print the version and exit'

complete -c csassign -n '__csassign_at 0' -a office -d 'judicial offices (add, list, show)'
complete -c csassign -n '__csassign_at 0' -a firm -d 'law firms (add, list, show)'
complete -c csassign -n '__csassign_at 0' -a lawyer -d 'lawyers (add, list, show)'
complete -c csassign -n '__csassign_at 0' -a community -d 'communities (add, list, show)'
complete -c csassign -n '__csassign_at 0' -a pair -d 'pair a lawyer with a community'
complete -c csassign -n '__csassign_at 0' -a change -d 'change a pairing (Art 17)'
complete -c csassign -n '__csassign_at 0' -a end -d 'end a pairing'
complete -c csassign -n '__csassign_at 0' -a who -d 'who served where on a date'

set -l __csassign_nouns office firm lawyer community
complete -c csassign -n "__csassign_at 1 $__csassign_nouns" -a add -d 'add an entry'
complete -c csassign -n "__csassign_at 1 $__csassign_nouns" -a list -d 'list the entries'
complete -c csassign -n "__csassign_at 1 $__csassign_nouns" -a show -d 'print an entry'
complete -c csassign -n '__csassign_show office' -a '(__cs_slugs offices)' -d 'judicial office'
complete -c csassign -n '__csassign_show firm' -a '(__cs_slugs firms)' -d 'law firm'
complete -c csassign -n '__csassign_show lawyer' -a '(__cs_slugs lawyers)' -d lawyer
complete -c csassign -n '__csassign_show community' -a '(__cs_slugs communities)' -d community
complete -c csassign -n "__csassign_is $__csassign_nouns list" -l format -x -a 'text yaml json csv md html' -d 'output format'
complete -c csassign -n "__csassign_is $__csassign_nouns show" -l format -x -a 'text yaml json csv md html' -d 'output format'

# NOUN add
complete -c csassign -n "__csassign_is $__csassign_nouns add" -l name -x -d 'Chinese name'
complete -c csassign -n '__csassign_is office firm lawyer add' -l phone -x -d telephone
complete -c csassign -n '__csassign_is office firm add' -l address -x -d address
complete -c csassign -n '__csassign_is lawyer add' -l firm -x -a '(__cs_slugs firms)' -d 'law firm'
complete -c csassign -n '__csassign_is lawyer add' -l email -x -d 'e-mail address'
complete -c csassign -n '__csassign_is lawyer add' -l licence -x -d 'licence number'
complete -c csassign -n '__csassign_is lawyer add' -l photo -r -F -d 'path of the photo'
complete -c csassign -n '__csassign_is community add' -l office -x -a '(__cs_slugs offices)' -d 'judicial office'
complete -c csassign -n '__csassign_is community add' -l head -x -d 'a head who may sign (repeat)'
complete -c csassign -n '__csassign_is community add' -l workroom -x -d 'address of the workroom'

# pair, change, end, who
complete -c csassign -n '__csassign_in pair change' -l lawyer -x -a '(__cs_slugs lawyers)' -d lawyer
complete -c csassign -n '__csassign_in pair change' -l community -x -a '(__cs_slugs communities)' -d community
complete -c csassign -n '__csassign_in pair change' -l schedule -x -a "'Mon 14:00-17:30' 'Tue 14:00-17:30' 'Wed 14:00-17:30' 'Thu 14:00-17:30' 'Fri 14:00-17:30'" -d 'weekly half day'
complete -c csassign -n '__csassign_in pair' -l from -x -d 'first day of service (YYYY-MM-DD)'
complete -c csassign -n '__csassign_in pair' -l place -x -d 'where the service is given'
complete -c csassign -n '__csassign_in pair' -l agreement -x -d 'service agreement number'
complete -c csassign -n '__csassign_in pair' -l agreement-date -x -d 'day the agreement was signed (YYYY-MM-DD)'
complete -c csassign -n '__csassign_at 1 change end' -a '(__cs_slugs assignments)' -d pairing
complete -c csassign -n '__csassign_in change' -l effective -x -d 'day the change takes effect'
complete -c csassign -n '__csassign_in change' -l filed -x -d 'day the report was filed'
complete -c csassign -n '__csassign_in change' -l approved-by -x -d 'who approved a change on short notice'
complete -c csassign -n '__csassign_in change end' -l reason -x -d why
complete -c csassign -n '__csassign_in end who' -l on -x -d 'date (YYYY-MM-DD)'
complete -c csassign -n '__csassign_at 1 who' -a '(__cs_slugs communities)' -d community
complete -c csassign -n '__csassign_in who' -l format -x -a 'text yaml json csv md html' -d 'output format'
