#!/usr/bin/env bash
# Installs the Debian 12 packages cimsim builds and tests with, and only those that are missing.
# Runs `apt-get update` once, and only when something has to be installed. Works as root or via sudo.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libsystemc-dev                # SystemC 2.3 (pkg-config module `systemc`)
  libeigen3-dev                 # Eigen3::Eigen
  libboost-program-options-dev  # CLI and INI parsing
  catch2                        # Catch2 v2 (Catch2::Catch2, catch_discover_tests)
  libfccp-dev                   # Fast C++ CSV Parser (<csv.h> in /usr/include/libfccp)
  nlohmann-json3-dev            # JSON output
  zlib1g-dev                    # reading .csv.gz data files
  libonnx-dev libprotobuf-dev   # ONNX models (--workload model.onnx)
  python3-torch python3-torchvision  # the tests' ONNX exports (scripts/export_onnx_models.py); ~3 min
  chromium                      # headless browser for the report test (skipped without it); ~13 s to install
)
# Extra packages a caller may ask for (e.g. chromium for the report browser test).
packages+=("$@")

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
