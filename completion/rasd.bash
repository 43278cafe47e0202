# bash completion for rasd. Commands and options are read from the
# program's own --help, so they are never out of date.
_rasd()
{
	local cur prev cmd words
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	if [ "$COMP_CWORD" -eq 1 ]; then
		words=$("${COMP_WORDS[0]}" --help 2>/dev/null |
			sed -n '/^commands:/,/^$/s/^  \([a-z][a-z0-9-]*\)  .*/\1/p')
		COMPREPLY=($(compgen -W "$words --help --version -V" -- "$cur"))
		return
	fi
	cmd=${COMP_WORDS[1]}
	case $prev in
	--db|--places|--text)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--data)
		COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--format)
		words=$("${COMP_WORDS[0]}" "$cmd" --help 2>/dev/null |
			sed -n 's/.*--format \([a-z|]*\).*/\1/p' | head -n 1 | tr '|' ' ')
		COMPREPLY=($(compgen -W "$words" -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		words=$("${COMP_WORDS[0]}" "$cmd" --help 2>/dev/null |
			grep -o -- '--[a-z][a-z0-9-]*' | sort -u)
		COMPREPLY=($(compgen -W "$words" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _rasd rasd
