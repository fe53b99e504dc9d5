#!/usr/bin/env bash
# Installs what FlowEngine needs beyond the .NET SDK: liblz4 (journal block compression, bound with
# LibraryImport) and the lz4 command-line tool (tests cross-check our codec against it).
# Safe to run repeatedly; does nothing when both are present.
set -euo pipefail
have_lib() { ldconfig -p 2>/dev/null | grep -q 'liblz4\.so\.1'; }
if have_lib && command -v lz4 >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
if command -v apt-get >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq liblz4-1 lz4 >/dev/null
else
  echo "setup: no apt-get here; install liblz4 and lz4 with your package manager" >&2
  have_lib || exit 1
fi
