#!/usr/bin/env bash
# node-check.sh builds and starts the docusigntest sandbox on a free loopback
# port, installs DocuSign's official Node SDK (pinned in node/package.json)
# and runs node/check.js against the sandbox, then stops it. It exits
# non-zero when any step fails. Needs go, node and npm; npm reaches the
# registry.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
pid=""

cleanup() {
	if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

echo "node-check: building the sandbox"
(cd "$root" && go build -o "$work/sandbox" ./examples/sandbox)

echo "node-check: starting the sandbox on a free port"
"$work/sandbox" -addr 127.0.0.1:0 -ca-out "$work/ca.pem" -config-out "$work/config.json" \
	>"$work/sandbox.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do
	[[ -s "$work/config.json" ]] && break
	if ! kill -0 "$pid" 2>/dev/null; then
		echo "node-check: the sandbox exited early:" >&2
		cat "$work/sandbox.log" >&2
		exit 1
	fi
	sleep 0.1
done
[[ -s "$work/config.json" ]] || { echo "node-check: no sandbox config after 30 s" >&2; exit 1; }

echo "node-check: installing the Node SDK"
cd "$here/node"
if [[ -f package-lock.json ]]; then
	npm ci --no-audit --no-fund --loglevel=error
else
	npm install --no-audit --no-fund --loglevel=error
fi

echo "node-check: running check.js"
NODE_EXTRA_CA_CERTS="$work/ca.pem" node check.js "$work/config.json"
