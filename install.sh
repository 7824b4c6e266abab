#!/bin/sh
# Installs the tcpip binary for this machine (Linux or macOS) from a GitHub
# release, after checking it against the release's SHA256SUMS.
#
#   curl -fsSL https://raw.githubusercontent.com/tcpip-book/tcpip/main/install.sh | sh
#   sh install.sh v0.1.0          # a given release instead of the latest
#
# Environment:
#   TCPIP_VERSION        release tag to install (an argument wins); default: latest
#   TCPIP_INSTALL        directory to install into; default: ~/.local/bin
#   TCPIP_DOWNLOAD_BASE  where releases live; default: https://github.com/$REPO/releases
#
# Nothing is installed unless the download and its checksum are good: files
# land in a temporary directory first, which is removed on every exit.
set -eu

# PLACEHOLDER: the GitHub owner/repository that publishes tcpip's releases.
REPO="tcpip-book/tcpip"

say() { printf '%s\n' "$*"; }
die() {
  printf 'tcpip install: error: %s\n' "$*" >&2
  exit 1
}

version=${1:-${TCPIP_VERSION:-latest}}
case $version in
  latest | v*) ;;
  *) version="v$version" ;; # accept 0.1.0 for v0.1.0
esac
base=${TCPIP_DOWNLOAD_BASE:-https://github.com/$REPO/releases}
base=${base%/}
if [ -n "${TCPIP_INSTALL:-}" ]; then
  dir=$TCPIP_INSTALL
elif [ -n "${HOME:-}" ]; then
  dir="$HOME/.local/bin"
else
  die "neither TCPIP_INSTALL nor HOME is set: no directory to install into"
fi

# The target triple of the release binary that runs here.
os=$(uname -s)
cpu=$(uname -m)
case $os in
  Linux) os_part=unknown-linux-gnu ;;
  Darwin) os_part=apple-darwin ;;
  MINGW* | MSYS* | CYGWIN* | Windows*)
    die "this is Windows ($os): use install.ps1 in PowerShell instead"
    ;;
  *) die "unsupported OS: $os (tcpip has binaries for Linux, macOS and Windows)" ;;
esac
case $cpu in
  x86_64 | amd64) cpu_part=x86_64 ;;
  aarch64 | arm64) cpu_part=aarch64 ;;
  *) die "unsupported CPU: $cpu on $os (tcpip has binaries for x86_64 and aarch64)" ;;
esac
# A shell under Rosetta reports x86_64 on an Apple silicon Mac: take the native binary.
if [ "$os_part" = apple-darwin ] && [ "$cpu_part" = x86_64 ] &&
  [ "$(sysctl -n sysctl.proc_translated 2>/dev/null || true)" = 1 ]; then
  cpu_part=aarch64
fi
target="$cpu_part-$os_part"
asset="tcpip-$target"

if [ "$version" = latest ]; then
  url="$base/latest/download"
else
  url="$base/download/$version"
fi

# curl or wget, quiet: download() says what went wrong, in one line.
if command -v curl >/dev/null 2>&1; then
  fetcher=curl
elif command -v wget >/dev/null 2>&1; then
  fetcher=wget
else
  die "neither curl nor wget is installed; install one of them and run this again"
fi
download() {
  if [ "$fetcher" = curl ]; then
    curl -fsL --retry 2 -o "$2" "$1" && return 0
    # 22: the server answered with an HTTP error, such as 404.
    [ $? = 22 ] && not_found "$1"
  else
    wget -q -O "$2" "$1" && return 0
    # 8: the server answered with an error.
    [ $? = 8 ] && not_found "$1"
  fi
  die "could not download $1 (no network, or the server did not answer)"
}
not_found() {
  die "$1 was not found: is there a release '$version' with a build for $target?"
}

if command -v sha256sum >/dev/null 2>&1; then
  sha256() { sha256sum "$1" | cut -d ' ' -f 1; }
elif command -v shasum >/dev/null 2>&1; then
  sha256() { shasum -a 256 "$1" | cut -d ' ' -f 1; }
else
  die "neither sha256sum nor shasum is installed, so the download cannot be verified"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tcpip-install.XXXXXX") ||
  die "could not create a temporary directory"
staged=
cleanup() { rm -rf "$tmp" ${staged:+"$staged"}; }
trap cleanup EXIT
# On a signal, exit so that the EXIT trap cleans up.
trap 'exit 130' INT
trap 'exit 143' TERM HUP

say "tcpip install: downloading $asset ($version) from $url"
download "$url/$asset" "$tmp/$asset"
download "$url/SHA256SUMS" "$tmp/SHA256SUMS"

# A sha256sum line is "<hex>  <name>" ("<hex> *<name>" in binary mode).
expected=$(awk -v name="$asset" '$2 == name || $2 == "*" name { print $1; exit }' "$tmp/SHA256SUMS")
[ -n "$expected" ] || die "SHA256SUMS of release '$version' has no line for $asset"
actual=$(sha256 "$tmp/$asset")
[ "$actual" = "$expected" ] ||
  die "checksum mismatch for $asset: SHA256SUMS says $expected, the download is $actual"

# Stage next to the destination, then rename: the swap is atomic, and a
# running tcpip keeps its old file.
# (Their own messages are dropped: die says it in one line.)
mkdir -p "$dir" 2>/dev/null || die "could not create $dir"
dir=$(cd "$dir" 2>/dev/null && pwd) || die "could not enter $dir"
staged="$dir/.tcpip.new.$$"
chmod +x "$tmp/$asset"
mv -f "$tmp/$asset" "$staged" 2>/dev/null || die "could not write into $dir"
mv -f "$staged" "$dir/tcpip" 2>/dev/null || die "could not install $dir/tcpip"

say "tcpip install: installed $dir/tcpip ($version, $target)"
case ":${PATH:-}:" in
  *":$dir:"*) say "Run 'tcpip list' to begin." ;;
  *)
    case ${SHELL:-}:$os in
      */zsh:*) profile=.zshrc ;;
      */bash:Darwin) profile=.bash_profile ;;
      */bash:*) profile=.bashrc ;;
      *) profile=.profile ;;
    esac
    say "$dir is not on your PATH. Add it, e.g. in ~/$profile:"
    say "  export PATH=\"$dir:\$PATH\""
    say "then open a new terminal and run 'tcpip list'."
    ;;
esac
