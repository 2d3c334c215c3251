import { assert, describe, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { promisify } from "node:util"

const root = path.resolve(import.meta.dirname, "..")

describe("bench", () => {
  // keeps the harness from rotting: every scenario runs, briefly, with its checks; no time is asserted
  it("runs every scenario in smoke mode", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, "src/main.ts"), "--smoke"], {
      cwd: root
    })
    const scenarios = fs.readdirSync(path.join(root, "scenarios")).filter((name) => name.endsWith(".ts"))
    assert.match(stdout, new RegExp(`^smoke: ${scenarios.length} scenarios, \\d+ rows, all ran`))
  }, 60_000)
})
