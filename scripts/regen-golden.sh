#!/usr/bin/env bash
# Regenerates the renderer's golden frames (render/testdata/golden/*.png) on purpose, after a
# deliberate change of the pictures. Look at the new PNGs before committing them.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
go test -count=1 ./render -run 'TestGoldenFrames' -update
ls -la render/testdata/golden
