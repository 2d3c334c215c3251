/**
 * The bounded-memory rows' processes, each in a process of its own so that
 * its resident set is its own (see `src/Hostile.ts`):
 *
 *   node servers/hostile.ts upload                      prints `listening <port>`
 *   node servers/hostile.ts bodies <bytes>              prints `listening <port>`
 *   node servers/hostile.ts client <url> fetch|node <path>...   prints one JSON line: a reading per path
 */
import * as Hostile from "../src/Hostile.ts"

const [mode, ...args] = process.argv.slice(2)

const announce = (server: Hostile.Running) => console.log(`listening ${new URL(server.url).port}`)

if (mode === "upload") {
  announce(await Hostile.uploadServer())
} else if (mode === "bodies") {
  announce(await Hostile.bodiesServer(Number(args[0])))
} else if (mode === "client") {
  const [base, kind, ...paths] = args
  console.log(JSON.stringify(await Hostile.readErrors(base!, kind === "node" ? "node" : "fetch", paths)))
  process.exit(0)
} else {
  console.error("usage: node servers/hostile.ts upload | bodies <bytes> | client <url> fetch|node <path>...")
  process.exit(2)
}
