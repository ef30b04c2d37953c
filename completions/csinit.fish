# fish completion for csinit(1)
complete -c csinit -f
complete -c csinit -s C -x -a '(__fish_complete_directories (commandline -ct))' -d 'run as if started in DIR'
complete -c csinit -s h -l help -d 'print usage and exit'
complete -c csinit -l version -d 'print the version and exit'
complete -c csinit -l district -x -d 'name of the district'
complete -c csinit -l bare -d 'create a bare repository'
complete -c csinit -n 'not string match -q -- "-*" (commandline -ct)' -a '(__fish_complete_directories (commandline -ct))' -d 'store directory'
