#!/usr/bin/env bash
# Installs what the tests need beyond Python packages. Nothing yet beyond pip; the endpoint's browser
# tests add Chromium here. Idempotent: does nothing when everything is present.
set -euo pipefail
exit 0
