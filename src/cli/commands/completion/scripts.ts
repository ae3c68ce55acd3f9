/** The shells svc completes in. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

// Each script hands the words typed so far to the hidden `svc __complete`, which answers
// one candidate a line ("value<TAB>description") from the command tree and the database.
const BASH = `# svc completion for bash: eval "$(svc completion bash)" in ~/.bashrc
_svc_complete() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" line
  local -a found=()
  while IFS= read -r line; do
    [[ -n "$line" ]] && found+=("\${line%%$'\\t'*}")
  done < <(svc __complete -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
  COMPREPLY=()
  if (( \${#found[@]} == 0 )); then
    compopt -o default 2>/dev/null
    return 0
  fi
  # Names hold spaces: quote each candidate so it stays one word.
  for line in "\${found[@]}"; do
    if [[ "$cur" == [\\"\\']* ]]; then COMPREPLY+=("\${cur:0:1}$line\${cur:0:1}"); else COMPREPLY+=("$(printf '%q' "$line")"); fi
  done
}
complete -F _svc_complete svc
`;

const ZSH = `#compdef svc
# svc completion for zsh: eval "$(svc completion zsh)" in ~/.zshrc (after compinit)
_svc() {
  local -a lines values descriptions
  local line
  lines=("\${(@f)$(svc __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  for line in "\${lines[@]}"; do
    [[ -z "$line" ]] && continue
    values+=("\${line%%$'\\t'*}")
    if [[ "$line" == *$'\\t'* ]]; then descriptions+=("\${line%%$'\\t'*} -- \${line#*$'\\t'}"); else descriptions+=("\${line}"); fi
  done
  (( \${#values} )) || { _files; return }
  # svc matched loosely (case, accents, the id): offer its answers as they are.
  compadd -U -d descriptions -- "\${values[@]}"
}
compdef _svc svc
`;

const FISH = `# svc completion for fish: svc completion fish > ~/.config/fish/completions/svc.fish
function __svc_complete
    set -l words (commandline -opc) (commandline -ct)
    svc __complete -- $words[2..-1] 2>/dev/null
end
complete -c svc -f -a '(__svc_complete)'
`;

/** The completion script for a shell. */
export function completionScript(shell: Shell): string {
  return { bash: BASH, zsh: ZSH, fish: FISH }[shell];
}
