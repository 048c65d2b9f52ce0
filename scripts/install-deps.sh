#!/usr/bin/env bash
# Installs the system packages Open Video Agent needs, only those missing. Debian/Ubuntu.
# Runs as root (or through sudo when available). Safe to run again.
set -euo pipefail

packages=(
  ffmpeg            # encode, mux, probe
  espeak-ng         # speech in ~100 languages
  libespeak-ng-dev  # its C API (word and phoneme timings through cgo)
  flite1-dev        # flite's English voices and C API (phone timings through cgo)
  festival          # Festival, for the HTS voice below
  festvox-us-slt-hts # the default English female voice
  gcc               # cgo
  pkg-config
  poppler-utils     # pdftotext, pdftoppm for PDF inputs
  sox               # audio checks in tests
  fonts-noto-core   # Latin, Devanagari, Arabic, Hebrew ... text
  fonts-noto-cjk    # Chinese, Japanese, Korean text
  fonts-inter       # the default display and text face
  fonts-roboto
  fonts-dejavu-core
  curl              # the run script talks to the server
  postgresql        # the scale-out store; tests start their own server (postgres/pgtest)
)

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
