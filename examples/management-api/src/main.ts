/**
 * Runs the example: seed 000's management API on localhost, every failure in
 * its route family's dialect. `pnpm start`, or `pnpm start --port 8080`
 * (also `PORT=8080`); `DEBUG=1` turns the operator's debug switch on.
 */
import { NodeHttpServer, NodeRuntime } from "@effect/platform-node"
import { Effect, Layer } from "effect"
import { HttpRouter } from "effect/http"
import { createServer } from "node:http"
import * as App from "./App.ts"

const flag = (name: string): string | undefined => {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? undefined : process.argv[index + 1]
}

const port = Number(flag("port") ?? process.env["PORT"] ?? 3000)
const host = flag("host") ?? process.env["HOST"] ?? "localhost"
const debug = process.env["DEBUG"] === "1" || process.env["DEBUG"] === "true"
const base = `http://${host}:${port}`

const banner = Effect.sync(() =>
  console.log(`Faultline example: seed 000's management API on ${base}${debug ? " (operator debug on)" : ""}

Try:
  curl -i ${base}/api/v2/me
  curl -i -H 'Authorization: Bearer alice-token' ${base}/api/v2/apps/app_404
  curl -i -H 'Authorization: Bearer alice-token' -H 'Content-Type: application/json' -d '{"name":""}' ${base}/api/v2/apps
  curl -i -X PUT ${base}/api/v2/me
  curl -i -d grant_type=refresh_token -u demo-client:demo-secret ${base}/oauth/token
  curl -i -H 'Authorization: Bearer admin-token' ${base}/api/admin/users/u_nobody
  curl -i -H 'Accept: application/problem+json' ${base}/api/v2/me
  curl -s ${base}/openapi.json
`)
)

const Server = HttpRouter.serve(App.make({ issuer: base, debug }), { disableListenLog: true }).pipe(
  Layer.provide(NodeHttpServer.layer(createServer, { port, host }))
)

Layer.launch(Layer.merge(Server, Layer.effectDiscard(banner))).pipe(NodeRuntime.runMain)
