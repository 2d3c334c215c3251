/**
 * Processes a scenario starts: a server that prints `listening <port>` once
 * it listens, or a program whose output is one JSON line. Each runs with the
 * conditions and flags of the bench process, so that it loads the same
 * (built) libraries.
 */
import { spawn } from "node:child_process"
import * as readline from "node:readline"

/**
 * A server in its own process.
 */
export interface Server {
  readonly url: string
  readonly stop: () => Promise<void>
}

/** Starts `node <script> <args>` and waits for its `listening <port>` line. */
export const server = (script: string, args: ReadonlyArray<string>): Promise<Server> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, script, ...args], {
      stdio: ["ignore", "pipe", "inherit"]
    })
    const lines = readline.createInterface({ input: child.stdout! })
    const timer = setTimeout(() => reject(new Error(`${script} ${args.join(" ")} did not start`)), 30_000)
    child.once("exit", (code) => reject(new Error(`${script} ${args.join(" ")} exited with ${code}`)))
    lines.once("line", (line) => {
      clearTimeout(timer)
      const port = Number(/^listening (\d+)$/.exec(line)?.[1])
      if (!Number.isInteger(port) || port === 0) return reject(new Error(`${script} said ${line}`))
      resolve({
        url: `http://127.0.0.1:${port}`,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners("exit")
            child.once("exit", () => done())
            child.kill("SIGTERM")
          })
      })
    })
  })

/** Runs `node <script> <args>` to its end and parses the last line it printed as JSON. */
export const run = <A>(script: string, args: ReadonlyArray<string>): Promise<A> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, script, ...args], {
      stdio: ["ignore", "pipe", "inherit"]
    })
    let output = ""
    child.stdout!.setEncoding("utf8").on("data", (text: string) => output += text)
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000)
    child.once("exit", (code) => {
      clearTimeout(timer)
      const last = output.trim().split("\n").pop() ?? ""
      if (code !== 0) return reject(new Error(`${script} ${args.join(" ")} exited with ${code}: ${last}`))
      resolve(JSON.parse(last) as A)
    })
  })
