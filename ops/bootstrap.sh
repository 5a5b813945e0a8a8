#!/usr/bin/env bash
# Installs exactly the Debian 12 packages that switchboard's build and tests need.
# Idempotent and silent when everything is already present.
set -euo pipefail

packages=(
  cmake ninja-build ccache g++ pkg-config clang-format
  libcaf-dev librocksdb-dev
  libboost1.81-dev libboost-json1.81-dev libboost-program-options1.81-dev
  libsimdjson-dev prometheus-cpp-dev libjwt-dev libssl-dev libspdlog-dev
  libgoogle-perftools-dev  # tcmalloc_minimal, linked when not sanitizing
  catch2 libbenchmark-dev
  prometheus  # for promtool, which the metrics tests run
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "bootstrap: installing ${missing[*]}"
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
