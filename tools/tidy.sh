#!/usr/bin/env bash
# clang-tidy with the repository's .clang-tidy on the kiosk's sources. With --all, every .cpp under kiosk/; otherwise
# the .cpp files a change touched (since the merge base with origin/main, or with main when there is no remote, or the
# last commit when that is HEAD itself, plus what is not committed yet), a changed header standing for the .cpp of the
# same name. Exits non-zero on any finding.
# Needs a configured build for compile_commands.json (BUILD, default build/release).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-build/release}
if [[ ! -f $build/compile_commands.json ]]; then
  echo "tidy: no $build/compile_commands.json: configure the build first" >&2
  exit 2
fi

if [[ ${1:-} == --all ]]; then
  mapfile -t files < <(git ls-files 'kiosk/*.cpp')
else
  base=$(git merge-base HEAD origin/main 2>/dev/null || git merge-base HEAD main 2>/dev/null || true)
  if [[ -z $base || $base == "$(git rev-parse HEAD)" ]]; then
    base=$(git rev-parse --verify -q HEAD~1 || true)
  fi
  mapfile -t touched < <({
    [[ -n $base ]] && git diff --name-only --diff-filter=AM "$base" -- 'kiosk/*.cpp' 'kiosk/*.hpp'
    git diff --name-only --diff-filter=AM HEAD -- 'kiosk/*.cpp' 'kiosk/*.hpp'
  } | sort -u)
  files=()
  for f in "${touched[@]}"; do
    cpp=${f%.hpp}
    cpp=${cpp%.cpp}.cpp # A .cpp stands for itself (it used to become x.cpp.cpp and was skipped).
    [[ -f $cpp ]] && files+=("$cpp")
  done
  mapfile -t files < <(printf '%s\n' "${files[@]}" | sort -u | sed '/^$/d')
fi
if ((${#files[@]} == 0)); then
  echo "tidy: no changed source files"
  exit 0
fi
echo "tidy: ${#files[@]} file(s)"
run-clang-tidy -p "$build" -j"${JOBS:-2}" -quiet "${files[@]/#/$PWD/}" >"$build/tidy.log" 2>&1 || {
  sed 's/\x1b\[[0-9;]*m//g' "$build/tidy.log" | grep -E -A3 '(warning|error): ' | head -200 || true # head may close the pipe early.
  echo "tidy: findings above (all of them in $build/tidy.log)" >&2
  exit 1
}
echo "tidy: clean"
