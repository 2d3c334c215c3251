/**
 * Goal 5, the client: what `ClientErrors` and `Retry` do with one error
 * response once its bytes have arrived — decode the body (bytes, as the
 * client reads them) and headers into the typed error, then decide whether
 * and when to retry: at most 4× `JSON.parse` of the same text, timed beside
 * it (issue 11).
 *
 * Reading the body off the socket is the HTTP client's cost and is left out,
 * as is the Effect plumbing of `ClientErrors.fromResponse` (one `Effect.gen`).
 */
import { ApiError } from "@faultline/errors"
import { Retry } from "@faultline/platform-http"
import { Detect, Envelope, Flat, OAuth } from "@faultline/wire"
import { message, requestId } from "../src/Fixtures.ts"
import * as Scenario from "../src/Scenario.ts"

const encoder = new TextEncoder()

interface Case {
  readonly name: string
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly text: string
  readonly decode: (response: { status: number; headers: Record<string, string>; body: Uint8Array }) => unknown
  readonly tag: string
  readonly decision: "Retry" | "Stop"
}

const json = { "content-type": "application/json", "x-request-id": requestId }

const cases: ReadonlyArray<Case> = [
  {
    name: "429 with Retry-After (flat): decode + decide to wait",
    status: 429,
    headers: { ...json, "retry-after": "30" },
    text: JSON.stringify({ error: "rate_limit_exceeded", error_description: "Rate limit exceeded", retry_after: 30 }),
    decode: Flat.decode,
    tag: "RateLimited",
    decision: "Retry"
  },
  {
    name: "503, no hint (flat): decode + decide to back off",
    status: 503,
    headers: json,
    text: JSON.stringify({ error: "service_unavailable", error_description: "Try again later" }),
    decode: Flat.decode,
    tag: "ServiceUnavailable",
    decision: "Retry"
  },
  {
    name: "404 (envelope): decode + decide to stop",
    status: 404,
    headers: json,
    text: JSON.stringify({ error: { code: "not_found", message, details: null, request_id: requestId } }),
    decode: Envelope.decode,
    tag: "NotFound",
    decision: "Stop"
  },
  {
    name: "401 invalid_token challenge + body (OAuth): decode + decide to stop",
    status: 401,
    headers: {
      "content-type": "application/json",
      "www-authenticate": `Bearer realm="api", error="invalid_token", error_description="The access token expired"`
    },
    text: JSON.stringify({ error: "invalid_token", error_description: "The access token expired" }),
    decode: OAuth.decode,
    tag: "InvalidToken",
    decision: "Stop"
  },
  {
    name: "429 with Retry-After, dialect not given (Detect): decode + decide to wait",
    status: 429,
    headers: { ...json, "retry-after": "30" },
    text: JSON.stringify({ error: "rate_limit_exceeded", error_description: "Rate limit exceeded", retry_after: 30 }),
    decode: (response) => Detect.decodeAny(response).error,
    tag: "RateLimited",
    decision: "Retry"
  },
  {
    name: "502 HTML from a proxy (Detect): Undecodable + decide to back off",
    status: 502,
    headers: { "content-type": "text/html" },
    text: "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>",
    decode: (response) => Detect.decodeAny(response).error,
    tag: "Undecodable",
    decision: "Retry"
  }
]

const state = Retry.initialState()

const comparisonOf = (testCase: Case): Scenario.Comparison => {
  const body = encoder.encode(testCase.text)
  const response = { status: testCase.status, headers: { ...testCase.headers }, body }
  const subject = Scenario.op(testCase.name, () => {
    const error = testCase.decode(response)
    return Retry.decide(error, state)
  }, ([decision]) => {
    if (decision._tag !== testCase.decision) throw new Error(`${testCase.name}: decided ${decision._tag}`)
    Scenario.isError(testCase.tag)(testCase.decode(response))
    if (!ApiError.isApiError(testCase.decode(response))) throw new Error("not an ApiError")
  })
  return {
    name: testCase.name,
    subject,
    baseline: Scenario.op(`JSON.parse of the body (${testCase.name.split(":")[0]})`, () => {
      try {
        return JSON.parse(testCase.text)
      } catch {
        return testCase.text
      }
    }),
    max: Scenario.goals.clientOverParse
  }
}

export default Scenario.make({
  goal: 5,
  title: "Client decode + retry decision",
  comparisons: cases.map(comparisonOf)
})
