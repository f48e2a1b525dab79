#compdef backend-path
# zsh completion for backend-path
#
# On every TAB this asks `backend-path complete -- <words>` for candidates, one a line
# ("value<TAB>description", then ":directive"). Nothing typed and no candidate is ever
# evaluated: the words reach the program as arguments, unquoted with (Q), which removes quotes
# without expanding anything, and every candidate is added with compadd, which quotes it for
# the command line (never -Q). File names (directive bit 64) are added as files.

_backend-path() {
    local -a args lines values described folders
    local out last directive line value description
    args=("${(@Q)words[2,CURRENT]}")
    out=$(command backend-path complete -- "${args[@]}" 2>/dev/null) || return 1
    lines=("${(@f)out}")
    last=${lines[-1]}
    [[ $last == :<-> ]] || return 1
    directive=${last#:}
    (( directive & 1 )) && return 1

    for line in "${(@)lines[1,-2]}"; do
        [[ -z $line ]] && continue
        value=${line%%$'\t'*}
        description=${line#*$'\t'}
        [[ $description == $line ]] && description=''
        if (( directive & 64 )) && [[ $value == */ ]]; then
            folders+=("$value")
        else
            values+=("$value")
            # _describe reads "value:description"; a colon in the value is escaped for it.
            described+=("${value//:/\\:}${description:+:$description}")
        fi
    done

    local -a nospace order
    (( directive & 2 )) && nospace=(-S '')
    (( directive & 32 )) && order=(-V)
    if (( directive & 64 )); then
        # Folders are completed into, not after: no space follows them.
        (( ${#folders} )) && compadd -f -S '' -- "${folders[@]}"
        (( ${#values} )) && compadd -f "${nospace[@]}" -- "${values[@]}"
        (( ${#folders} + ${#values} ))
        return
    fi
    (( ${#described} )) || return 1
    _describe "${order[@]}" -t values 'values' described "${nospace[@]}"
}

if [[ $funcstack[1] == _backend-path ]]; then
    _backend-path "$@"
else
    compdef _backend-path backend-path
fi
