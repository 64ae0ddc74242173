#!/usr/bin/env bash
# Install Debian's Chromium for browser tests and server-side chart export, when we can.
# Browsers cannot be downloaded by Playwright or kaleido here: the system package is the way.
set -uo pipefail
if [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is not installed and cannot be installed here (needs root and apt-get):"
  echo "browser tests and server-side PNG/SVG export will be skipped."
  exit 0
fi
echo "Installing Debian's chromium (about 30 s)"
apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
  || echo "Could not install chromium: browser tests and server-side export will be skipped."
