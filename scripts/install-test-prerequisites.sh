#!/usr/bin/env bash
# Installs what the tests need beyond Python packages: Chromium from Debian, for the query page's browser
# tests (Playwright drives it through executable_path; `playwright install` is never used, no browser
# downloads). Idempotent: does nothing when everything is present.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-test-prerequisites: /usr/bin/chromium is missing and there is no apt-get;" \
         "install Chromium by hand (the browser tests skip without it, and fail in CI)" >&2
    exit 0
fi

sudo_prefix=()
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "install-test-prerequisites: /usr/bin/chromium is missing and installing it needs root" >&2
        exit 0
    fi
    sudo_prefix=(sudo)
fi

echo "install-test-prerequisites: installing chromium (Debian package)" >&2
if "${sudo_prefix[@]}" apt-get update -qq \
    && "${sudo_prefix[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then
    exit 0
fi
echo "install-test-prerequisites: could not install chromium" >&2
# In CI the browser tests must run, so a failed install fails the run; elsewhere the tests skip.
if [ "${CI:-}" = "true" ]; then
    exit 1
fi
