#!/usr/bin/env bash
# Builds the real Kubernetes test bed from the Go module proxy: kube-apiserver and kubectl from
# k8s.io/kubernetes, etcd from go.etcd.io/etcd/server/v3, at the versions pinned in the go.mod
# files beside this script (apiserver/, etcd/; their go.sum pin every dependency).
#
# The binaries land in $GREETING_KUBE_BIN_DIR, by default
# ~/.cache/greeting-operator/kube/<kubernetes>-etcd-<etcd>/, outside target/ so that `mvn clean`
# keeps them; a second run with the binaries there costs nothing. Prints the directory.
#
#   bash test-infra/kube/build.sh          # build if missing, print the directory
#   bash test-infra/kube/build.sh --check  # exit 3 if Go is missing, 0 otherwise (no build)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# Go's caches and the binaries' cache live under the home directory, which a bare CI shell may not export.
export HOME="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"

# The versions are the go.mod requirements; the Java side (dev.greeting.sandbox.realkube.KubeBinaries)
# names the same directory, and a test checks the two agree.
kubernetes="$(awk '$1 == "require" && $2 == "k8s.io/kubernetes" {print $3}' "$here/apiserver/go.mod")"
etcd="$(awk '$1 == "require" && $2 == "go.etcd.io/etcd/server/v3" {print $3}' "$here/etcd/go.mod")"
dir="${GREETING_KUBE_BIN_DIR:-$HOME/.cache/greeting-operator/kube/$kubernetes-etcd-$etcd}"

if ! command -v go >/dev/null; then
  echo "test-infra/kube/build.sh: Go is not installed, so the real kube-apiserver and etcd cannot be built" >&2
  exit 3
fi
if [ "${1:-}" = "--check" ]; then
  exit 0
fi

# Go's own toolchain, never a downloaded one; modules from the proxy, checked against go.sum.
export GOTOOLCHAIN=local GOFLAGS=-mod=readonly CGO_ENABLED=0

build() { # build <module dir> <output: a directory ending in / or a file> <ldflags> <package>...
  local module="$1" out="$2" ldflags="$3"
  shift 3
  local start=$SECONDS
  (cd "$here/$module" && go build -trimpath -ldflags="-s -w $ldflags" -o "$out" "$@")
  echo "built $* in $((SECONDS - start)) s" >&2
}

mkdir -p "$dir"
if [ ! -x "$dir/kube-apiserver" ] || [ ! -x "$dir/kubectl" ] || [ ! -x "$dir/etcd" ]; then
  tmp="$(mktemp -d "$dir/.build.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  echo "building kube-apiserver and kubectl $kubernetes, etcd $etcd into $dir (a cold build takes minutes)" >&2
  # The version the binaries report (/version, kubectl version), as Kubernetes' own build stamps it.
  minor="${kubernetes#v1.}"; minor="${minor%%.*}"
  stamp=""
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    stamp+=" -X $pkg.gitVersion=$kubernetes -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
  done
  build apiserver "$tmp/" "$stamp" k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kubectl
  build etcd "$tmp/etcd" "" go.etcd.io/etcd/server/v3
  # Moved in only when all three built, so a half-finished build is never taken for a cached one.
  mv "$tmp/kube-apiserver" "$tmp/kubectl" "$tmp/etcd" "$dir/"
fi
echo "$dir"
