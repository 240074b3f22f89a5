#!/usr/bin/env bash
# The browser tests drive Debian's Chromium headless. Install it when it is missing and we may
# (root with apt-get, as on the project's machines and CI); otherwise say what to do.
set -euo pipefail
if [ -n "${VRAEM_CHROMIUM:-}" ] && [ -x "${VRAEM_CHROMIUM}" ]; then exit 0; fi
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "the browser tests need Chromium: install Debian's 'chromium' package or set VRAEM_CHROMIUM" >&2
exit 1
