import { ApiError } from "@faultline/errors"
import { ClientErrors, Retry, RouteFamily, ServerErrors } from "@faultline/platform-http"
import { Envelope } from "@faultline/wire"
import { Effect, Layer } from "effect"
import { HttpClient, HttpRouter } from "effect/http"

// the server: every failure of these routes, typed or not, leaves in the envelope dialect
const families = RouteFamily.table([{ name: "api", paths: ["/api/*"], dialect: Envelope.dialect }])
const Routes = HttpRouter.add("GET", "/api/apps/:id", Effect.fail(new ApiError.NotFound({ message: "No such app" })))
export const App = Routes.pipe(Layer.provide(ServerErrors.layer({ families }))) // HttpRouter.serve(App)

// the client: the same typed errors back, retried when and as the server says
export const getApp = (id: string) =>
  Effect.gen(function*() {
    const client = (yield* HttpClient.HttpClient).pipe(
      ClientErrors.decode({ dialect: Envelope.dialect }),
      Retry.retry()
    )
    return yield* client.get(`http://localhost:3000/api/apps/${id}`)
  }).pipe(Effect.catchTag("NotFound", (error) => Effect.succeed(`${error.status}: ${error.message}`)))
