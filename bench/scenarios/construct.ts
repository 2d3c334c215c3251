/**
 * Goal 3, what a server does when it raises an error: construct it and encode
 * the response. Compared with `http-errors` and `@hapi/boom` doing the
 * equivalent work, and with Effect's own `HttpApiError` where it does the same
 * job, and reading a problem back as Effect does. Then the price of a stack:
 * a 5xx captures one, a 4xx does not.
 */
import { ApiError } from "@faultline/errors"
import { Envelope, Problem } from "@faultline/wire"
import * as Boom from "@hapi/boom"
import { Schema } from "effect"
import { ProblemDetails } from "effect/http"
import { HttpApiError } from "effect/http-api"
import createError from "http-errors"
import { message } from "../src/Fixtures.ts"
import * as Scenario from "../src/Scenario.ts"

const json = "application/json"

/** Effect's typed RFC 9457 problem for a 404: what `Problem.encode` of a `NotFound` is compared with. */
class NotFoundProblem extends HttpApiError.Problem<NotFoundProblem>()("NotFoundProblem", {
  type: "about:blank",
  status: 404,
  title: "Not Found"
}) {}

const encodeProblem = Schema.encodeSync(NotFoundProblem)

const envelopeNotFound = Scenario.op(
  "new ApiError.NotFound + Envelope.encode",
  () => Envelope.encode(new ApiError.NotFound({ message })),
  (encoded) => Scenario.isError("NotFound")(Envelope.decode(encoded))
)

const envelopeInternal = Scenario.op(
  "new ApiError.InternalError + Envelope.encode",
  () => Envelope.encode(new ApiError.InternalError({ message: "connect ECONNREFUSED 10.0.0.3:5432" })),
  (encoded) => Scenario.isError("InternalError")(Envelope.decode(encoded))
)

/** A handler that uses http-errors and writes the same envelope by hand. */
const httpErrorsEnvelope = (status: number, code: string, text: string) => {
  const error = createError(status, text)
  return {
    status: error.status,
    headers: { "content-type": json },
    body: JSON.stringify({
      // http-errors marks a 5xx's message not to be shown (`expose` is false): send the description instead
      error: {
        code,
        message: error.expose ? error.message : ApiError.InternalError.description,
        details: null,
        request_id: null
      }
    })
  }
}

const problemResponse = { status: 404, body: Problem.encode(new ApiError.NotFound({ message })).body }
const problemBody = problemResponse.body
const decodeProblem = Schema.decodeUnknownSync(NotFoundProblem)
const decodeProblemDetails = Schema.decodeUnknownSync(ProblemDetails.Schema)
const problemDecode = Scenario.op("Problem.decode", () => Problem.decode(problemResponse), Scenario.isError("NotFound"))

export default Scenario.make({
  goal: 3,
  title: "Construct + encode",
  comparisons: [
    {
      name: "NotFound + Envelope.encode vs http-errors",
      subject: envelopeNotFound,
      baseline: Scenario.op(
        "http-errors createError(404) + JSON.stringify",
        () => httpErrorsEnvelope(404, "not_found", message)
      ),
      max: Scenario.goals.construct,
      same: "exact"
    },
    {
      name: "NotFound + Envelope.encode vs @hapi/boom",
      subject: envelopeNotFound,
      baseline: Scenario.op("Boom.notFound + JSON.stringify(output.payload)", () => {
        const error = Boom.notFound(message)
        return {
          status: error.output.statusCode,
          headers: { ...error.output.headers, "content-type": json },
          body: JSON.stringify(error.output.payload)
        }
      }),
      max: Scenario.goals.construct
    },
    {
      name: "NotFound + Problem.encode vs Effect HttpApiError.Problem",
      subject: Scenario.op(
        "new ApiError.NotFound + Problem.encode",
        () => Problem.encode(new ApiError.NotFound({ message }))
      ),
      baseline: Scenario.op("new HttpApiError.Problem (404) + Schema.encodeSync + JSON.stringify", () => ({
        status: 404,
        headers: { "content-type": "application/problem+json" },
        body: JSON.stringify(encodeProblem(new NotFoundProblem({ detail: message })))
      })),
      max: Scenario.goals.constructEffect,
      same: "json"
    },
    {
      name: "construct NotFound vs Effect HttpApiError.NotFound",
      subject: Scenario.op(
        "new ApiError.NotFound",
        () => new ApiError.NotFound({ message }),
        Scenario.isError("NotFound")
      ),
      baseline: Scenario.op("new HttpApiError.NotFound", () => new HttpApiError.NotFound()),
      max: Scenario.goals.constructEffect
    },
    {
      // a 5xx keeps its stack, as http-errors' does: the same work, so the goal is to be no slower
      name: "InternalError + Envelope.encode vs http-errors",
      subject: envelopeInternal,
      baseline: Scenario.op(
        "http-errors createError(500) + JSON.stringify",
        () => httpErrorsEnvelope(500, "internal_error", "connect ECONNREFUSED 10.0.0.3:5432")
      ),
      max: Scenario.goals.constructEffect,
      same: "exact"
    },
    {
      name: "Problem.decode vs Effect HttpApiError.Problem decode",
      subject: problemDecode,
      baseline: Scenario.op(
        "JSON.parse + Schema.decodeUnknownSync(HttpApiError.Problem)",
        () => decodeProblem(JSON.parse(problemBody)),
        (problem) => {
          if (!(problem instanceof NotFoundProblem)) throw new Error("not a NotFoundProblem")
        }
      ),
      max: Scenario.goals.constructEffect
    },
    {
      // Effect's generic codec gives a plain record, not a typed error: informative only
      name: "Problem.decode vs Effect ProblemDetails.Schema decode",
      subject: problemDecode,
      baseline: Scenario.op(
        "JSON.parse + Schema.decodeUnknownSync(ProblemDetails.Schema)",
        () => decodeProblemDetails(JSON.parse(problemBody))
      )
    },
    {
      name: "construct 5xx InternalError (stack) vs 4xx NotFound (no stack)",
      subject: Scenario.op("new ApiError.InternalError()", () => new ApiError.InternalError()),
      baseline: Scenario.op("new ApiError.NotFound()", () => new ApiError.NotFound())
    }
  ]
})
