#!/usr/bin/env bash
# Starts videoagent on ./data with a bootstrap key, makes a sample video through the v3 API,
# and prints where the MP4 is. KEEP_RUNNING=0 stops the server afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=bin/videoagent
DATA=${VIDEOAGENT_DATA:-./data}
ADDR=${VIDEOAGENT_ADDR:-127.0.0.1:8080}
KEEP_RUNNING=${KEEP_RUNNING:-1}
PROMPT=${PROMPT:-"Create a 30-second product walkthrough for Taskflow, a project management app for small teams: shared boards, due-date reminders, and one-click reports. End with a call to visit taskflow.example.com."}
mkdir -p "$DATA"
if [ -z "${VIDEOAGENT_API_KEY:-}" ]; then
  if [ ! -s "$DATA/bootstrap-key" ]; then
    head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$DATA/bootstrap-key"
  fi
  VIDEOAGENT_API_KEY="ova_$(cat "$DATA/bootstrap-key")"
fi
export VIDEOAGENT_API_KEY

"$BIN" serve --addr "$ADDR" --data "$DATA" 2>"$DATA/server.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://$ADDR/healthz" >/dev/null 2>&1 && break
  if ! kill -0 $SERVER 2>/dev/null; then cat "$DATA/server.log" >&2; exit 1; fi
  sleep 0.1
done

echo "videoagent is serving on http://$ADDR (logs: $DATA/server.log)"
echo "API key: $VIDEOAGENT_API_KEY"
echo "Prompt: $PROMPT"
OUT="$DATA/sample.mp4"
start=$(date +%s.%N)
"$BIN" create --server "http://$ADDR" --prompt "$PROMPT" --out "$OUT"
end=$(date +%s.%N)
echo "Done in $(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.1f", b-a}') s. Your video: $(realpath "$OUT")"

if [ "$KEEP_RUNNING" = "1" ]; then
  echo "Still serving on http://$ADDR: open it in a browser for the studio (sign in with the key above), or try the curl examples in README.md. Ctrl-C stops."
  wait $SERVER
fi
