#!/usr/bin/env bash
# Installs the system packages Open Video Agent needs, only those missing. Debian/Ubuntu.
# Runs as root (or through sudo when available). Safe to run again.
set -euo pipefail

packages=(
  ffmpeg            # encode, mux, probe
  espeak-ng         # speech in ~100 languages
  libespeak-ng-dev  # its C API (word and phoneme timings through cgo)
  flite1-dev        # flite's English voices and C API (phone timings through cgo)
  libx264-dev       # x264's C API: the renderer encodes H.264 in its own process (cgo)
  festival          # Festival, for the HTS voice below
  festvox-us-slt-hts # the default English female voice
  gcc               # cgo
  pkg-config
  poppler-utils     # pdftotext, pdftoppm for PDF inputs
  fonts-noto-core   # Latin, Devanagari, Arabic, Hebrew ... text
  fonts-noto-cjk    # Chinese, Japanese, Korean text
  fonts-inter       # the default display and text face
  fonts-roboto
  fonts-dejavu-core
  curl              # the run script talks to the server; the container's HEALTHCHECK
  ca-certificates   # HTTPS to language model and speech servers
)

# With --test, also what only the tests need (CI and `make test` pass it); the container
# (Dockerfile) and `make run` go without.
test_packages=(
  sox               # audio checks in tests
  libheif-examples  # heif-enc: real HEIC files for the file type tests
  chromium          # the web studio's browser test (e2e/studio_test.go)
  postgresql        # the scale-out store's tests start their own server (postgres/pgtest)
)
if [ "${1:-}" = "--test" ]; then
  packages+=("${test_packages[@]}")
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-deps: need root to install: ${missing[*]}" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
