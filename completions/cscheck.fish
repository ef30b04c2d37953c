# fish completion for cscheck(1)

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

function __cscheck_rules --description 'rule ids for --rules, after the ids already given'
    set -l cur (commandline -ct)
    set -l head (string match -r '^.*,' -- $cur); or set head ''
    for r in art7.visit art9.office-hours art9.lecture art9.training art10.accept \
            art11.signed art11.one-record art13.conflict art15.privacy art16.gift \
            art17.notice art18.report art20.meeting art21.replace
        echo $head$r
    end
end

function __cscheck_audit
    contains -- --audit (commandline -opc)
end

complete -c cscheck -f
complete -c cscheck -s C -x -a '(__fish_complete_directories (commandline -ct))' -d 'use the store in DIR'
complete -c cscheck -s h -l help -d 'print usage and exit'
complete -c cscheck -l version -d 'print the version and exit'
complete -c cscheck -n 'not __cscheck_audit' -l period -x -d 'judge only this period: YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY'
complete -c cscheck -n 'not __cscheck_audit' -l rules -x -a '(__cscheck_rules)' -d 'apply only these rules'
complete -c cscheck -n 'not __cscheck_audit' -l as-of -x -a '(__cs_refs)' -d 'check the store as it was: DATE or REV'
complete -c cscheck -n 'not __cscheck_audit' -l today -x -d 'the day of the check (YYYY-MM-DD)'
complete -c cscheck -n 'not __cscheck_audit' -l worktree -d 'check the files of the working tree'
complete -c cscheck -l format -x -a 'text yaml json csv md html' -d 'output format'
complete -c cscheck -l audit -d 'check the history'
complete -c cscheck -l since -x -a '(__cs_refs)' -d 'with --audit, only commits after REV'
complete -c cscheck -l against -x -a '(__cs_refs)' -d 'with --audit, the copy this history must continue'
