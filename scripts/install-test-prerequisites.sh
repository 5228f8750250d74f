#!/usr/bin/env bash
# Installs what the tests need beyond Python packages, from Debian:
# - Chromium, for the query page's browser tests (Playwright drives it through executable_path;
#   `playwright install` is never used, no browser downloads);
# - Virtuoso Open Source 7 (`virtuoso-t`), the second engine behind `push` and `serve --sparql-backend`
#   (the tests start their own instance in a temporary directory; no service is configured or started).
# - libseccomp, which the query workers' sandbox loads (through pyseccomp; the server needs it too, see
#   docs/deployment.md).
# Idempotent: does nothing when everything is present.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v virtuoso-t >/dev/null 2>&1 || missing+=(virtuoso-opensource)
if ! ldconfig -p 2>/dev/null | grep -q 'libseccomp\.so\.2'; then
    missing+=(libseccomp2)
fi
if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

give_up() {
    echo "install-test-prerequisites: $1" >&2
    # In CI the tests that need these must run, so a failed install fails the run; elsewhere they skip.
    if [ "${CI:-}" = "true" ]; then
        exit 1
    fi
    exit 0
}

if ! command -v apt-get >/dev/null 2>&1; then
    give_up "missing ${missing[*]} and there is no apt-get; install them by hand"
fi

sudo_prefix=()
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
        give_up "missing ${missing[*]} and installing them needs root"
    fi
    sudo_prefix=(sudo)
fi

echo "install-test-prerequisites: installing ${missing[*]} (Debian packages)" >&2
"${sudo_prefix[@]}" apt-get update -qq || give_up "apt-get update failed"
for package in "${missing[@]}"; do
    # Virtuoso's recommends are its web admin pages and service wrappers, which the tests do not use.
    no_recommends=()
    [ "$package" = virtuoso-opensource ] && no_recommends=(--no-install-recommends)
    "${sudo_prefix[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq "${no_recommends[@]}" "$package" >/dev/null \
        || give_up "could not install $package"
done
