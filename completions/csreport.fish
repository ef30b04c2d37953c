# fish completion for csreport(1)

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

function __csreport_pos
    __cs_positional -C --month --lawyer --office --quarter --half --year --as-of --format
end

function __csreport_at --description 'N positional words so far, the first one of the rest'
    set -l p (__csreport_pos)
    test (count $p) -eq $argv[1]; or return 1
    test (count $argv) -eq 1; and return 0
    contains -- $p[1] $argv[2..-1]
end

function __csreport_in --description 'the report is one of argv'
    set -l p (__csreport_pos)
    test (count $p) -ge 1; and contains -- $p[1] $argv
end

complete -c csreport -f
complete -c csreport -s C -x -a '(__fish_complete_directories (commandline -ct))' -d 'use the store in DIR'
complete -c csreport -s h -l help -d 'print usage and exit'
complete -c csreport -n '__csreport_at 0' -l version -d 'print the version and exit'

complete -c csreport -n '__csreport_at 0' -a monthly -d 'monthly report (Art 18)'
complete -c csreport -n '__csreport_at 0' -a period -d 'quarterly, half-yearly or yearly report'
complete -c csreport -n '__csreport_at 0' -a assess -d 'annual 100-point assessment (Art 21)'
complete -c csreport -n '__csreport_at 0' -a stipend -d 'work per firm for the stipends (Art 5(5))'
complete -c csreport -n '__csreport_at 0' -a card -d 'service contact card (Art 7(1))'

complete -c csreport -n '__csreport_in monthly stipend' -l month -x -d 'the month (YYYY-MM)'
complete -c csreport -n '__csreport_in period' -l quarter -x -d 'a quarter (YYYY-Qn)'
complete -c csreport -n '__csreport_in period' -l half -x -d 'a half year (YYYY-Hn)'
complete -c csreport -n '__csreport_in period assess' -l year -x -d 'a year (YYYY)'
complete -c csreport -n '__csreport_in monthly period' -l lawyer -x -a '(__cs_slugs lawyers)' -d 'one lawyer'
complete -c csreport -n '__csreport_in monthly period' -l office -x -a '(__cs_slugs offices)' -d 'one judicial office'
complete -c csreport -n '__csreport_in monthly period' -l district -d 'the whole district'
complete -c csreport -n '__csreport_in monthly' -l all -d 'every lawyer and every office'
complete -c csreport -n '__csreport_in monthly assess' -l commit -d 'file the report or the assessment'
complete -c csreport -n '__csreport_in monthly period card' -l reveal -d 'show residents\' personal data unmasked'
complete -c csreport -n '__csreport_in monthly period assess stipend card' -l as-of -x -a '(__cs_refs)' -d 'report from the store as it was: DATE or REV'
complete -c csreport -n '__csreport_in monthly period assess stipend card' -l format -x -a 'text yaml json csv md html' -d 'output format'
complete -c csreport -n '__csreport_in monthly period assess stipend card' -l bom -d 'begin csv output with a UTF-8 byte order mark'
complete -c csreport -n '__csreport_at 1 card' -a '(__cs_slugs communities)' -d community
