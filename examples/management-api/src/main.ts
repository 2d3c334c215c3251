/**
 * Runs the example: seed 000's management API on localhost, every failure in
 * its route family's dialect. `pnpm start`, or `pnpm start --port 8080`.
 *
 * Its settings come through Effect `Config`, from `--port`/`--host` flags and
 * then the environment: `PORT` (default 3000), `HOST` (default localhost),
 * `DEBUG` (the operator's debug switch: `true`/`1`), `TELEMETRY`
 * (`off`, `console` or `otlp`; see `Telemetry.ts`), and the `FAULTLINE_*`
 * options of `ServerErrors.config`. A value that does not parse, or a port
 * that is taken, stops it with one line saying so.
 */
import { NodeHttpServer, NodeRuntime } from "@effect/platform-node"
import { ServerErrors } from "@faultline/platform-http"
import { Cause, Config, ConfigProvider, Effect, Layer } from "effect"
import { HttpRouter } from "effect/http"
import { createServer } from "node:http"
import * as App from "./App.ts"
import * as Telemetry from "./Telemetry.ts"

/** `--port 8080 --host 0.0.0.0` as configuration, before the environment. */
const flags = (argv: ReadonlyArray<string>): Record<string, string> => {
  const values: Record<string, string> = {}
  for (const name of ["port", "host"]) {
    const index = argv.indexOf(`--${name}`)
    if (index !== -1 && argv[index + 1] !== undefined) values[name.toUpperCase()] = argv[index + 1]!
  }
  return values
}

const settings = Config.all({
  port: Config.Port("PORT").pipe(Config.withDefault(3000)),
  host: Config.String("HOST").pipe(Config.withDefault("localhost")),
  debug: Config.Boolean("DEBUG").pipe(Config.withDefault(false)),
  telemetry: Telemetry.mode,
  errors: ServerErrors.config
})

const banner = (base: string, debug: boolean, telemetry: Telemetry.Mode) =>
  Effect.sync(() =>
    console.log(
      `Faultline example: seed 000's management API on ${base}${debug ? " (operator debug on)" : ""}${
        telemetry === "off" ? "" : ` (telemetry: ${telemetry})`
      }

Try:
  curl -i ${base}/api/v2/me
  curl -i -H 'Authorization: Bearer alice-token' ${base}/api/v2/apps/app_404
  curl -i -H 'Authorization: Bearer alice-token' -H 'Content-Type: application/json' -d '{"name":""}' ${base}/api/v2/apps
  curl -i -X PUT ${base}/api/v2/me
  curl -i -d grant_type=refresh_token -u demo-client:demo-secret ${base}/oauth/token
  curl -i -H 'Authorization: Bearer admin-token' ${base}/api/admin/users/u_nobody
  curl -i -H 'Accept: application/problem+json' ${base}/api/v2/me
  curl -s ${base}/openapi.json
`
    )
  )

/** A ConfigError as `NAME: what was expected` (its schema issue names the path). */
const configProblem = (error: unknown): string => {
  const message = String((error as { readonly cause?: { readonly message?: unknown } }).cause?.message ?? error)
  const found = /^([\s\S]*?)\n\s*at \["?([^"\]]+)"?\]/.exec(message)
  return found === null ? message : `${found[2]}: ${found[1]!.trim()}`
}

/** What went wrong at startup, in one line an operator can act on. */
const startupFailure = (cause: Cause.Cause<unknown>, port: number | undefined): string => {
  const error = Cause.squash(cause) as { readonly _tag?: string; readonly cause?: { readonly code?: string } }
  if (error?._tag === "ConfigError") return `Invalid configuration: ${configProblem(error)}`
  const code = error?.cause?.code
  if (code === "EADDRINUSE") return `Port ${port} is taken: stop what listens on it, or start with --port or PORT`
  if (code === "EACCES") return `Port ${port} needs privileges this process does not have: use a port above 1023`
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") return `HOST names no address of this machine`
  return `The server did not start: ${Cause.pretty(cause)}`
}

const main = Effect.gen(function*() {
  const { debug, errors, host, port, telemetry } = yield* settings
  const base = `http://${host}:${port}`
  const Server = HttpRouter.serve(App.make({ issuer: base, errors: { ...errors, debug: debug || errors.debug } }), {
    disableListenLog: true
  }).pipe(
    Layer.provide(NodeHttpServer.layer(createServer, { port, host })),
    Layer.provide(Telemetry.layer(telemetry))
  )
  // the banner once the server listens: a port that is taken gets no banner, only the line that says so
  return yield* Layer.launch(Layer.effectDiscard(banner(base, debug, telemetry)).pipe(Layer.provideMerge(Server))).pipe(
    Effect.catchCause((cause) => Effect.failCause(Cause.fail(startupFailure(cause, port))))
  )
}).pipe(
  Effect.catchCause((cause) => {
    const failure = Cause.squash(cause)
    const message = typeof failure === "string" ? failure : startupFailure(cause, undefined)
    return Effect.sync(() => {
      console.error(message)
      process.exitCode = 1
    })
  }),
  Effect.provide(ConfigProvider.layer(
    ConfigProvider.fromUnknown(flags(process.argv)).pipe(ConfigProvider.orElse(ConfigProvider.fromEnv()))
  ))
)

NodeRuntime.runMain(main)
