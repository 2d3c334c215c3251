import { ApiError, Catalog } from "@faultline/errors"
import { Effect, Schema } from "effect"

class CardDeclined extends ApiError.Class<CardDeclined>()("CardDeclined", { declineCode: Schema.String }, {
  status: 402,
  title: "Payment Required",
  description: "The card was declined",
  source: "Payments API §4"
}) {}

const charge = (card: string): Effect.Effect<string, CardDeclined | ApiError.NotFound> =>
  card === "4000000000009995"
    ? Effect.fail(new CardDeclined({ declineCode: "insufficient_funds" }))
    : Effect.fail(new ApiError.NotFound({ resource: "card" }))

const handled = charge("4000000000009995").pipe(Effect.catchTags({
  CardDeclined: (error) => Effect.succeed(`${error.status} ${error.declineCode}`), // 402 insufficient_funds
  NotFound: (error) => Effect.succeed(`${error.status} no such ${error.resource}`)
}))

console.log(Effect.runSync(handled), Catalog.lookup("USER_NOT_EXIST").class?.tag) // 402 insufficient_funds NotFound
