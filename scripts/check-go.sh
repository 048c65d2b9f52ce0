#!/usr/bin/env bash
# Finds a Go toolchain new enough for go.mod, or explains what to do.
set -euo pipefail
if ! command -v go >/dev/null 2>&1; then
  if [ -x /usr/local/go/bin/go ]; then
    echo "check-go: add /usr/local/go/bin to PATH" >&2
  else
    echo "check-go: Go is not installed; install Go $(awk '/^go /{print $2}' go.mod) or newer from https://go.dev/dl/" >&2
  fi
  exit 1
fi
