# fish completion for cslog(1)

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

function __cslog_pos
    __cs_positional -C --community --lawyer --date --start --end --channel \
        --target-type --target-name --target-contact --content --result --set \
        --kind --since --until --month --format --by --on --reason
end

function __cslog_at --description 'N positional words so far, the first one of the rest'
    set -l p (__cslog_pos)
    test (count $p) -eq $argv[1]; or return 1
    test (count $argv) -eq 1; and return 0
    contains -- $p[1] $argv[2..-1]
end

function __cslog_in --description 'the command is one of argv'
    set -l p (__cslog_pos)
    test (count $p) -ge 1; and contains -- $p[1] $argv
end

function __cslog_fields --description 'field=... for --set, by the kind of cslog add KIND'
    set -l p (__cslog_pos)
    set -l f date start end community lawyer channel content result typical
    if test "$p[1]" = add; and test (count $p) -ge 2
        switch $p[2]
            case legal-aid
                set -a f aid_org
            case mediation
                set -a f parties outcome
            case lecture
                set -a f topic attendees
            case training
                set -a f topic attendees audience
            case office-hours
                set -a f place
            case request
                set -a f received_at accepted_at from
            case conflict-report
                set -a f parties reported_to
            case gift
                set -a f item value giver
            case representation
                set -a f case_no parties client opposing opposing_type forum
            case visit
                set -a f office visitor evaluation
            case spot-check
                set -a f office inspector
            case feedback
                set -a f score by
            case meeting
                set -a f meeting_type attendees participants
        end
    end
    printf '%s=\n' $f
end

set -l __cslog_kinds consultation legal-aid mediation lecture training publicity \
    drafting negotiation office-hours research request conflict-report gift \
    representation visit spot-check feedback meeting

complete -c cslog -f
complete -c cslog -s C -x -a '(__fish_complete_directories (commandline -ct))' -d 'use the store in DIR'
complete -c cslog -s h -l help -d 'print usage and exit'
complete -c cslog -n '__cslog_at 0' -l version -d 'print the version and exit'

complete -c cslog -n '__cslog_at 0' -a add -d 'record a new entry and print its id'
complete -c cslog -n '__cslog_at 0' -a list -d 'list entries'
complete -c cslog -n '__cslog_at 0' -a show -d 'print an entry'
complete -c cslog -n '__cslog_at 0' -a sign -d 'record the community head\'s signature'
complete -c cslog -n '__cslog_at 0' -a accept -d 'record that a request was accepted (Art 10)'
complete -c cslog -n '__cslog_at 0' -a amend -d 'change fields of an entry, with a reason'
complete -c cslog -n '__cslog_at 0' -a void -d 'mark an entry void'
complete -c cslog -n '__cslog_at 0' -a history -d 'every commit that touched an entry'
complete -c cslog -n '__cslog_at 0' -a import -d 'record the entries of a CSV file'

# add KIND
complete -c cslog -n '__cslog_at 1 add' -a "$__cslog_kinds" -d 'log kind'
complete -c cslog -n '__cslog_at 1 add' -a - -d 'one YAML record on the standard input'
complete -c cslog -n '__cslog_in add' -s e -d 'edit a template in $EDITOR'
complete -c cslog -n '__cslog_in add list' -l community -x -a '(__cs_slugs communities)' -d community
complete -c cslog -n '__cslog_in add list' -l lawyer -x -a '(__cs_slugs lawyers)' -d lawyer
complete -c cslog -n '__cslog_in add' -l date -x -d 'date of the service (YYYY-MM-DD)'
complete -c cslog -n '__cslog_in add' -l start -x -d 'start time (HH:MM)'
complete -c cslog -n '__cslog_in add' -l end -x -d 'end time (HH:MM)'
complete -c cslog -n '__cslog_in add' -l channel -x -a 'in-person phone email online' -d 'how the service was given'
complete -c cslog -n '__cslog_in add' -l target-type -x -a 'resident committee organisation mediators community-workers group other' -d 'who was served'
complete -c cslog -n '__cslog_in add' -l target-name -x -d 'name of the person served'
complete -c cslog -n '__cslog_in add' -l target-contact -x -d 'contact of the person served'
complete -c cslog -n '__cslog_in add' -l content -x -d 'what was asked or done'
complete -c cslog -n '__cslog_in add' -l result -x -d 'the outcome'
complete -c cslog -n '__cslog_in add amend' -l set -x -a '(__cslog_fields)' -d 'set a field: FIELD=VALUE'

# list
complete -c cslog -n '__cslog_in list' -l kind -x -a "$__cslog_kinds" -d 'only this kind'
complete -c cslog -n '__cslog_in list' -l since -x -d 'only on or after (YYYY-MM-DD)'
complete -c cslog -n '__cslog_in list' -l until -x -d 'only on or before (YYYY-MM-DD)'
complete -c cslog -n '__cslog_in list' -l month -x -d 'only this month (YYYY-MM)'
complete -c cslog -n '__cslog_in list' -l unsigned -d 'only unsigned entries'
complete -c cslog -n '__cslog_in list show history' -l format -x -a 'text yaml json csv md html' -d 'output format'

# sign, accept, amend, void, import
complete -c cslog -n '__cslog_in sign' -l by -x -d 'the community head who signs'
complete -c cslog -n '__cslog_in accept' -l on -x -d 'when accepted: DATE[THH:MM]'
complete -c cslog -n '__cslog_in amend void' -l reason -x -d why
complete -c cslog -n '__cslog_at 1 import' -F -a '(__fish_complete_suffix .csv)' -d 'CSV file'
