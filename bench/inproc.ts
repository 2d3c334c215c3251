import { ApiError } from "@faultline/errors"
import { RouteFamily, ServerErrors } from "@faultline/platform-http"
import { Envelope } from "@faultline/wire"
import { Context, Effect, Layer, Tracer } from "effect"
import { HttpRouter, HttpServerRequest, HttpServerResponse } from "effect/http"
const bodyOf = (id: string | undefined) =>
  JSON.stringify({ error: { code: "not_found", message: "App not found", details: null, request_id: id ?? null } })
const effectRoute = HttpRouter.add(
  "GET",
  "/api/apps/:id",
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const id = request.headers["x-request-id"]
    return HttpServerResponse.text(bodyOf(id), {
      status: 404,
      headers: { "content-type": "application/json", ...(id ? { "x-request-id": id } : {}) }
    })
  })
)
const faultRoute = HttpRouter.add(
  "GET",
  "/api/apps/:id",
  Effect.fail(new ApiError.NotFound({ message: "App not found" }))
).pipe(
  Layer.provide(
    ServerErrors.layer({
      families: RouteFamily.table([{ name: "api", paths: ["/api/*"], dialect: Envelope.dialect }], { fallback: "api" })
    })
  )
)
const traced = process.argv.includes("--traced")
const tracer = Tracer.make({ span: (o) => new Tracer.NativeSpan(o) })
const ctx = traced ? Context.make(Tracer.Tracer, tracer) : Context.empty()
const run = async (name: string, app: any) => {
  const { handler } = HttpRouter.toWebHandler(app, { disableLogger: true })
  const req = () => new Request("http://localhost/api/apps/app_404", { headers: { "x-request-id": "b" } })
  for (let i = 0; i < 5000; i++) await (await handler(req(), ctx as any)).text()
  const n = 10000
  const t = performance.now()
  for (let i = 0; i < n; i++) await (await handler(req(), ctx as any)).text()
  return (performance.now() - t) / n * 1000
}
const order = process.argv.includes("--reverse") ? ["fault", "effect"] : ["effect", "fault"]
const res: Record<string, number> = {}
for (const k of order) res[k] = await run(k, k === "effect" ? effectRoute : faultRoute)
for (let r = 0; r < 5; r++) {
  for (const k of order) res[k] = Math.min(res[k]!, await run(k, k === "effect" ? effectRoute : faultRoute))
}
console.log(
  `effect ${res.effect!.toFixed(1)}µs  faultline ${res.fault!.toFixed(1)}µs  rps ratio ${
    (res.effect! / res.fault!).toFixed(2)
  }`
)
