#!/usr/bin/env bash
# Prints the exact n8n version the scripts use for a requested one (the first argument):
# nothing, "2" or "2.x" is the pinned 2.x; "1", "1.x", "1.123" or "1.123.x" the pinned 1.x
# (the newest 1.123 patch when it was pinned). An exact version is printed as it is.
# Both pinned versions are what CI tests; change them here.
set -euo pipefail
N8N_2=2.41.1
N8N_1=1.123.81
case "${1:-}" in
  '' | 2 | 2.x) echo "$N8N_2" ;;
  1 | 1.x | 1.123 | 1.123.x) echo "$N8N_1" ;;
  [0-9]*.[0-9]*.[0-9]*) echo "$1" ;;
  *)
    echo "Unknown n8n version \"$1\": use 2.x, 1.x or an exact version such as $N8N_1" >&2
    exit 1
    ;;
esac
