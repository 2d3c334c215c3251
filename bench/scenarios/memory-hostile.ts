/**
 * Goal 6, memory under hostile bodies: how much a server's or a client's
 * resident set grows while the other side sends a body it must not swallow.
 * Each side runs in its own process (`servers/hostile.ts`), which samples its
 * own RSS every 2 ms, from a collection before to the end of the request.
 *
 * - Server: a 500 MB upload, chunked (no length to refuse it by), to a route
 *   under `ServerErrors` that reads its JSON body. The body limit (1 MiB by
 *   default) is counted as the body streams in: the server answers 413 and
 *   reads no further. Goal ≤ 64 MB.
 * - Client: `ClientErrors.decode` (maxBytes 1 MiB) over Effect's fetch client
 *   and over its Node client, reading an error body that goes on for 1 GB,
 *   and a gzip bomb of 1 GB of zeros (a megabyte on the wire). Goal ≤ 32 MB.
 *
 * Smoke mode sends 4 MB, reads with the fetch client only, and runs every
 * side in the bench process: it shows that the rows run, not what they weigh.
 */
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import * as Child from "../src/Child.ts"
import * as Hostile from "../src/Hostile.ts"
import * as Scenario from "../src/Scenario.ts"

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "servers", "hostile.ts")

const mb = 1_000_000

const text = (url: string) => fetch(url).then((response) => response.text())

/** The servers and the client: in processes of their own, or (smoke mode) in this one, only to show they run. */
const sides = (smoke: boolean) => ({
  upload: smoke ? Hostile.uploadServer() : Child.server(script, ["upload"]),
  bodies: (bytes: number) => smoke ? Hostile.bodiesServer(bytes) : Child.server(script, ["bodies", String(bytes)]),
  read: (url: string, kind: "fetch" | "node", paths: ReadonlyArray<string>) =>
    smoke
      ? Hostile.readErrors(url, kind, paths)
      : Child.run<Record<string, Hostile.ClientReading>>(script, ["client", url, kind, ...paths])
})

const measure = async ({ smoke }: Scenario.MeasureContext): Promise<ReadonlyArray<Scenario.Measurement>> => {
  const uploadSize = smoke ? 4 * mb : 500 * mb
  const bodySize = smoke ? 4 * mb : 1_000 * mb
  const side = sides(smoke)
  const rows: Array<Scenario.Measurement> = []

  const uploadServer = await side.upload
  try {
    await text(`${uploadServer.url}/rss/start`)
    const { sent, status } = await Hostile.upload(uploadServer.url, uploadSize)
    const growth = Number(await text(`${uploadServer.url}/rss/peak`))
    if (status !== 413) throw new Error(`the upload got ${status}, not 413`)
    rows.push({
      name: `server: a ${uploadSize / mb} MB chunked upload to a route reading JSON (ServerErrors, 1 MiB limit)`,
      unit: "MB",
      value: growth / mb,
      maxValue: 64,
      details: { "MB sent when the 413 came": sent / mb }
    })
  } finally {
    await uploadServer.stop()
  }

  const bodies = await side.bodies(bodySize)
  try {
    for (const kind of smoke ? ["fetch"] as const : ["fetch", "node"] as const) {
      const readings = await side.read(bodies.url, kind, ["/endless", "/bomb"])
      for (
        const [route, what] of [["/endless", "an error body that goes on for"], ["/bomb", "a gzip bomb of"]] as const
      ) {
        const reading = readings[route]!
        if (reading.got !== "Undecodable TooLarge") throw new Error(`${kind} ${route} got ${reading.got}`)
        rows.push({
          name: `client (${kind === "fetch" ? "Effect's fetch client" : "Effect's Node client"}): ${what} ${
            bodySize / mb
          } MB through ClientErrors.decode (maxBytes 1 MiB)`,
          unit: "MB",
          value: reading.growth / mb,
          maxValue: 32,
          details: { "ms to the error": reading.ms }
        })
      }
    }
  } finally {
    await bodies.stop()
  }
  return rows
}

export default Scenario.make({ goal: 6, title: "Memory under hostile bodies (RSS growth)", measure })
