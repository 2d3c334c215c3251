#!/usr/bin/env bash
# The packages as users get them: packed with `pnpm pack` (which rewrites `workspace:` ranges and applies
# `publishConfig`; `npm pack` would not), installed with plain npm into a project outside the workspace,
# type-checked there (strict, NodeNext, skipLibCheck false, Node 20's types) and run on the machine's own Node —
# not the Node 24 that pnpm scripts run on. Run it from .ci/run or by hand: `bash .ci/pack-check.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
packages=(errors wire platform-http)
typesNode=20.19.43

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tarballs" "$work/app/src"

# a fresh dist: a module removed from src must not linger in a tarball
for name in "${packages[@]}"; do rm -rf "packages/$name/dist"; done
timeout 600 pnpm -r --filter "./packages/*" run build > "$work/build.log" || { cat "$work/build.log"; exit 1; }
for name in "${packages[@]}"; do
  (cd "packages/$name" && pnpm pack --pack-destination "$work/tarballs" > /dev/null)
done

cd "$work/app"
typescript=$(node -p "require('$root/node_modules/typescript/package.json').version")
effect=$(node -p "require('$root/packages/errors/node_modules/effect/package.json').version")
tarball() { echo "file:$(ls "$work"/tarballs/faultline-"$1"-*.tgz)"; }
cat > package.json <<JSON
{
  "name": "faultline-pack-check",
  "private": true,
  "type": "module",
  "dependencies": {
    "@faultline/errors": "$(tarball errors)",
    "@faultline/platform-http": "$(tarball platform-http)",
    "@faultline/wire": "$(tarball wire)",
    "effect": "$effect"
  },
  "devDependencies": {
    "@types/node": "$typesNode",
    "typescript": "$typescript"
  }
}
JSON
cp "$root/.ci/pack-check/tsconfig.json" .
cp "$root/.ci/pack-check/main.ts" src/
# the README examples, as a user would paste them
for name in "${packages[@]}"; do cp "$root/docs/snippets/$name.ts" "src/readme-$name.ts"; done

# plain npm, outside the workspace, with the machine's node (PATH has no pnpm-managed node here)
timeout 600 npm install --no-audit --no-fund --loglevel=error > "$work/npm.log" 2>&1 || { cat "$work/npm.log"; exit 1; }
timeout 300 node node_modules/typescript/bin/tsc -p tsconfig.json
for name in "${packages[@]}"; do timeout 60 node "dist/readme-$name.js" > /dev/null; done
timeout 60 node dist/main.js
