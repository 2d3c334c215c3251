import { assert, describe, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import { createServer } from "node:net"
import { fileURLToPath } from "node:url"

/** The workspace's Node (the `node` package, which strips types), else the one running the tests. */
const node = (() => {
  try {
    return fileURLToPath(import.meta.resolve("node/bin/node"))
  } catch {
    return process.execPath
  }
})()

const main = fileURLToPath(new URL("../src/main.ts", import.meta.url))

/** Starts the example with `env` and gives what it printed and how it ended (it is killed after 20 s). */
const start = (env: Record<string, string>, args: ReadonlyArray<string> = []) =>
  new Promise<{ readonly code: number | null; readonly stdout: string; readonly stderr: string }>((resolve) => {
    execFile(node, [main, ...args], { env: { ...process.env, ...env }, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : (error as { code?: number }).code ?? null, stdout, stderr })
    })
  })

describe("main: starting the example", () => {
  it("a PORT that is not a port stops it with one line naming the setting, exit code 1", async () => {
    const { code, stderr, stdout } = await start({ PORT: "abc" })
    assert.strictEqual(code, 1)
    assert.strictEqual(stderr.trim(), "Invalid configuration: PORT: Expected a string representing a finite number")
    assert.notInclude(stdout, "Faultline example")
  }, 30_000)

  it("a bad FAULTLINE_* value is named too", async () => {
    const { code, stderr } = await start({ FAULTLINE_MAX_BODY_SIZE: "lots", PORT: "1" })
    assert.strictEqual(code, 1)
    assert.match(stderr.trim(), /^Invalid configuration: FAULTLINE_MAX_BODY_SIZE: /)
  }, 30_000)

  it("a port that is taken stops it with one line saying so, and no banner", async () => {
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, "localhost", resolve))
    const port = (taken.address() as { readonly port: number }).port
    try {
      const { code, stderr, stdout } = await start({}, ["--port", String(port)])
      assert.strictEqual(code, 1)
      assert.strictEqual(
        stderr.trim(),
        `Port ${port} is taken: stop what listens on it, or start with --port or PORT`
      )
      assert.notInclude(stdout, "Faultline example")
    } finally {
      taken.close()
    }
  }, 30_000)
})
