#!/usr/bin/env bash
# Prints the packages whose tests build differently with the purego tag: those that link
# a package with purego build constraints (the renderer's SIMD kernels). `make test` runs
# them once more with -tags purego; the rest of ./... would only repeat itself.
set -euo pipefail
cd "$(dirname "$0")/.."
mod=$(go list -m)
tagged=$(grep -rl --include='*.go' --include='*.s' '^//go:build.*purego' . | xargs -n1 dirname | sort -u | sed "s|^\.|$mod|")
go list -test -f '{{.ImportPath}} {{join .Deps " "}}' ./... | while read -r pkg deps; do
  pkg=${pkg%.test}
  case $pkg in *_test) continue ;; esac # an external test package: its package is listed
  for t in $tagged; do
    if [ "$pkg" = "$t" ] || [[ " $deps " == *" $t "* ]]; then echo "$pkg"; break; fi
  done
done | grep -v ' ' | sort -u
