#!/usr/bin/env bash
# Installs what the tests need beyond Python packages, from Debian: Chromium, for the query page's browser
# tests (Playwright drives it through executable_path; `playwright install` is never used, no browser
# downloads), and libseccomp, which the query workers' sandbox loads (through pyseccomp; the server
# needs it too, see docs/deployment.md). Idempotent: does nothing when everything is present.
set -euo pipefail

missing=()
if [ ! -x /usr/bin/chromium ]; then
    missing+=(chromium)
fi
if ! ldconfig -p 2>/dev/null | grep -q 'libseccomp\.so\.2'; then
    missing+=(libseccomp2)
fi
if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-test-prerequisites: ${missing[*]} missing and there is no apt-get;" \
         "install by hand (browser tests skip without Chromium, and fail in CI; without libseccomp" \
         "the query workers refuse to start)" >&2
    exit 0
fi

sudo_prefix=()
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "install-test-prerequisites: ${missing[*]} missing and installing needs root" >&2
        exit 0
    fi
    sudo_prefix=(sudo)
fi

echo "install-test-prerequisites: installing ${missing[*]} (Debian packages)" >&2
if "${sudo_prefix[@]}" apt-get update -qq \
    && "${sudo_prefix[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; then
    exit 0
fi
echo "install-test-prerequisites: could not install ${missing[*]}" >&2
# In CI the tests that need them must run, so a failed install fails the run; elsewhere they skip.
if [ "${CI:-}" = "true" ]; then
    exit 1
fi
