#!/bin/sh
# Installs the offline VS Code host into test/vscode-host/node_modules: code-server 4.100.3 (which bundles the
# VS Code 1.100.3 server and web workbench) and playwright-core (drives Debian's /usr/bin/chromium).
# @vscode/test-electron would download VS Code from Microsoft, which CI machines cannot reach; only the npm
# registry and Debian's apt are. Needs (apt): ripgrep, libkrb5-dev, pkg-config, a C/C++ toolchain; chromium to run.
# Idempotent: a stamp records the lockfile it was installed from, so a second run only prints the version.
set -eu
cd "$(dirname "$0")"

stamp=node_modules/.lectern-host-installed
want="$(node -p 'process.versions.node.split(".")[0]') $(sha256sum package-lock.json | cut -d' ' -f1)"

if [ -x node_modules/.bin/code-server ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "vscode-host: already installed from this lockfile"
else
  # code-server's postinstall only accepts node 20 (its engines field); fail here rather than deep inside npm.
  [ "${want%% *}" = 20 ] || { echo "vscode-host: code-server 4.100.3 needs node 20, found $(node --version)" >&2; exit 1; }
  for tool in rg pkg-config krb5-config c++ make python3; do
    command -v "$tool" >/dev/null || { echo "vscode-host: '$tool' missing (apt-get install ripgrep pkg-config libkrb5-dev build-essential python3)" >&2; exit 1; }
  done

  # A private TMPDIR: the ripgrep cache seeded below is looked up under os.tmpdir(), and the native builds'
  # scratch files go away with it.
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/lectern-host-setup.XXXXXX")
  trap 'rm -rf "$scratch"' EXIT
  export TMPDIR="$scratch"
  export npm_config_unsafe_perm=true   # code-server's postinstall.sh refuses to run as root without it
  export npm_config_yes=true           # node-pty's install runs `npx node-gyp`, which would prompt (or fail under yes=false)
  export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

  # Scripts off for the first pass: the postinstalls must run only after the ripgrep cache is seeded.
  rm -f "$stamp"
  npm ci --ignore-scripts

  # code-server's postinstall runs `npm install` in lib/vscode, whose @vscode/ripgrep postinstall downloads rg from
  # GitHub (unreachable). It first looks for the release tarball in $TMPDIR/vscode-ripgrep-cache-<version>/, so put
  # Debian's rg there under the name it expects (asset name and version taken from its postinstall.js).
  rgver=$(node -p "require('./node_modules/code-server/lib/vscode/npm-shrinkwrap.json').packages['node_modules/@vscode/ripgrep'].version")
  case "$(uname -m)" in
    x86_64) rgtarget=x86_64-unknown-linux-musl ;;
    aarch64) rgtarget=aarch64-unknown-linux-musl ;;
    *) echo "vscode-host: no ripgrep cache name known for $(uname -m)" >&2; exit 1 ;;
  esac
  mkdir -p "$TMPDIR/vscode-ripgrep-cache-$rgver" "$TMPDIR/rg"
  cp "$(command -v rg)" "$TMPDIR/rg/rg"
  tar czf "$TMPDIR/vscode-ripgrep-cache-$rgver/ripgrep-v13.0.0-10-$rgtarget.tar.gz" -C "$TMPDIR/rg" rg

  # Now every install script: argon2 and kerberos build from source (their prebuilt downloads come from GitHub),
  # and code-server's postinstall installs VS Code's own node_modules (node-pty, ripgrep, ...) from the npm registry.
  npm rebuild --foreground-scripts
  echo "$want" > "$stamp"
fi

# code-server writes config/state under XDG dirs even for --version; keep that out of $HOME.
v=$(mktemp -d "${TMPDIR:-/tmp}/lectern-host-version.XXXXXX")
XDG_CONFIG_HOME="$v" XDG_DATA_HOME="$v" XDG_STATE_HOME="$v" XDG_CACHE_HOME="$v" node_modules/.bin/code-server --version
rm -rf "$v"
