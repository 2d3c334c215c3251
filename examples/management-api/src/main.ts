/**
 * A first look at the library until the example server lands: the catalog
 * of documented codes and a typed failure handled exhaustively.
 */
import { ApiError, Catalog, Family } from "@faultline/errors"
import { Effect } from "effect"

const counts = Catalog.dialects.map((dialect) => `${dialect}: ${Catalog.entriesOf(dialect).length} codes`)
console.log(`Faultline catalog — ${Catalog.entries.length} entries, ${Object.keys(Catalog.classes).length} classes`)
console.log(counts.join("\n"))

const getApp = (id: string): Effect.Effect<string, Family.Envelope> =>
  id === "app_1" ? Effect.succeed("app_1") : Effect.fail(new ApiError.NotFound({ message: "App not found" }))

const program = getApp("app_2").pipe(
  Effect.catchTags({
    NotFound: (error) => Effect.succeed(`${error.status} ${error.message}`),
    BadRequest: () => Effect.succeed("400"),
    Unauthorized: () => Effect.succeed("401"),
    Forbidden: () => Effect.succeed("403"),
    ValidationError: (error) => Effect.succeed(`422 ${error.issues.length} issues`),
    InternalError: () => Effect.succeed("500"),
    MethodNotAllowed: (error) => Effect.succeed(`405 allow ${error.allow.join(", ")}`),
    Conflict: () => Effect.succeed("409"),
    PayloadTooLarge: () => Effect.succeed("413"),
    UnsupportedMediaType: () => Effect.succeed("415"),
    RateLimited: () => Effect.succeed("429"),
    ServiceUnavailable: () => Effect.succeed("503"),
    UnknownError: (error) => Effect.succeed(`${error.status} ${error.code}`)
  })
)
console.log(Effect.runSync(program))
