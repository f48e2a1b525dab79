# bash completion for backend-path
#
# On every TAB this asks `backend-path complete -- <words>` for candidates, one a line
# ("value<TAB>description", then ":directive"). Nothing typed and no candidate is ever
# evaluated: the words reach the program as arguments, unquoted here without eval, and the
# candidates go to COMPREPLY as they are. File names (directive bit 64) are inserted by bash
# itself, quoted for the command line (compopt -o filenames).

# A word as the program should see it: quotes and backslash escapes taken off, without eval.
__backend_path_unquote() {
    local word=$1 plain='' c i
    case $word in
        \'*) word=${word#\'}; printf '%s' "${word%\'}"; return ;;
        \"*) word=${word#\"}; word=${word%\"} ;;
    esac
    for ((i = 0; i < ${#word}; i++)); do
        c=${word:i:1}
        if [[ $c == \\ ]]; then
            ((i++))
            c=${word:i:1}
        fi
        plain+=$c
    done
    printf '%s' "$plain"
}

__backend_path_complete() {
    local cur words cword
    if declare -F _get_comp_words_by_ref >/dev/null; then
        _get_comp_words_by_ref -n =: cur words cword
    else
        cur=${COMP_WORDS[COMP_CWORD]}
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    fi
    local -a args=()
    local i
    for ((i = 1; i < cword; i++)); do
        args+=("$(__backend_path_unquote "${words[i]}")")
    done
    args+=("$(__backend_path_unquote "$cur")")

    local out
    out=$(command backend-path complete -- "${args[@]}" 2>/dev/null) || return 0
    local -a lines
    mapfile -t lines <<<"$out"
    local last=${lines[${#lines[@]} - 1]}
    [[ $last =~ ^:([0-9]+)$ ]] || return 0
    local directive=${BASH_REMATCH[1]}
    unset 'lines[${#lines[@]}-1]'
    ((directive & 1)) && return 0

    COMPREPLY=()
    local line
    for line in "${lines[@]}"; do
        [[ -n $line ]] && COMPREPLY+=("${line%%$'\t'*}")
    done
    ((directive & 2)) && compopt -o nospace
    ((directive & 32)) && compopt -o nosort 2>/dev/null
    if ((directive & 64)); then
        compopt -o filenames
        # A folder is completed into, not after.
        [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == */ ]] && compopt -o nospace
    fi
    # With ':' kept inside the word above, bash would still insert after the last ':'.
    declare -F __ltrim_colon_completions >/dev/null && __ltrim_colon_completions "$cur"
    return 0
}

complete -F __backend_path_complete backend-path
