import { assert, describe, it } from "@effect/vitest"
import { ApiError } from "@faultline/errors"
import { Detect, Problem } from "@faultline/wire"
import { fieldsOf } from "./fixtures.ts"

const problemJson = { "content-type": "application/problem+json" }

/** RFC 9457 §3's first example, as the RFC writes it. */
const outOfCredit = {
  type: "https://example.com/probs/out-of-credit",
  title: "You do not have enough credit.",
  detail: "Your current balance is 30, but that costs 50.",
  instance: "/account/12345/msgs/abc",
  balance: 30,
  accounts: ["/account/12345", "/account/67890"]
}

/** RFC 9457 §3's validation example: several occurrences of one type in an extension array. */
const validation = {
  type: "https://example.net/validation-error",
  title: "Your request is not valid.",
  errors: [
    { detail: "must be a positive integer", pointer: "#/age" },
    { detail: "must be 'green', 'red' or 'blue'", pointer: "#/profile/color" }
  ]
}

const extensionsOf = (error: unknown) => fieldsOf(error)["extensions"] as Record<string, unknown> | undefined

const reencode = (status: number, body: unknown, url?: string) => {
  const error = Problem.decode({ status, headers: problemJson, body: JSON.stringify(body) }, { url })
  return { error, body: JSON.parse(Problem.encode(error).body) as Record<string, unknown> }
}

describe("Problem", () => {
  it("9457-02: a problem answers whatever the request accepted: the detector reads it by its media type", () => {
    const detection = Detect.decodeAny({
      status: 415,
      headers: { "content-type": "Application/Problem+JSON; charset=utf-8" },
      body: JSON.stringify({ type: "about:blank", title: "Unsupported Media Type", status: 415 })
    })
    assert.deepStrictEqual([detection.dialect, detection.error._tag], ["problem", "UnsupportedMediaType"])
  })

  it("9457-03, 9457-04: {} is an about:blank problem of the response's status (every member is optional)", () => {
    for (const [status, tag] of [[404, "NotFound"], [409, "Conflict"], [503, "ServiceUnavailable"]] as const) {
      const detection = Detect.decodeAny({ status, headers: problemJson, body: "{}" })
      assert.deepStrictEqual([detection.dialect, detection.code, detection.error._tag, detection.error.status], [
        "problem",
        "about:blank",
        tag,
        status
      ])
    }
  })

  it("9457-03: members of the wrong JSON type are ignored as if absent, and kept as they came", () => {
    const { body, error } = reencode(404, { type: 7, status: "404", title: 5, detail: ["x"] })
    assert.strictEqual(error._tag, "NotFound")
    assert.strictEqual(error.status, 404)
    assert.strictEqual(error.message, ApiError.NotFound.description)
    assert.deepStrictEqual(extensionsOf(error), { type: 7, status: "404", title: 5, detail: ["x"] })
    // what is written is a problem: the members a problem defines, of their own types
    assert.deepStrictEqual([body.type, body.status, body.title], ["about:blank", 404, "Not Found"])
  })

  it("9457-04: an about:blank problem's own title is kept, and written back", () => {
    const { body, error } = reencode(404, { type: "about:blank", title: "Nicht gefunden", status: 404 })
    assert.strictEqual(error._tag, "NotFound")
    assert.strictEqual(extensionsOf(error)?.["title"], "Nicht gefunden")
    assert.strictEqual(body.title, "Nicht gefunden")
  })

  it("9457-04: a relative type is resolved against the request URL, and identifies the problem", () => {
    const detection = Detect.decodeAny(
      { status: 403, headers: problemJson, body: JSON.stringify({ type: "/probs/out-of-credit", title: "No credit" }) },
      { url: "https://api.example.com/accounts/12345/msgs" }
    )
    assert.strictEqual(detection.code, "https://api.example.com/probs/out-of-credit")
    assert.strictEqual((detection.error as ApiError.UnknownError).code, "https://api.example.com/probs/out-of-credit")
    // without the request's URL, the reference is kept as it came
    const unresolved = Detect.decodeAny({
      status: 403,
      headers: problemJson,
      body: JSON.stringify({ type: "/probs/out-of-credit" })
    })
    assert.strictEqual(unresolved.code, "/probs/out-of-credit")
  })

  it("9457-07: the HTTP status decides; a status member that disagrees is kept, not obeyed", () => {
    const { body, error } = reencode(503, { type: "about:blank", title: "Service Unavailable", status: 500 })
    assert.strictEqual(error._tag, "ServiceUnavailable")
    assert.strictEqual(error.status, 503)
    assert.strictEqual(extensionsOf(error)?.["status"], 500)
    // a problem's status member is the HTTP status it is sent with (9457-06)
    assert.strictEqual(body.status, 503)
  })

  it("9457-09: detail is the message, never parsed for a meaning", () => {
    const { error } = reencode(404, { type: "about:blank", detail: "403 Forbidden: invalid_grant" })
    assert.deepStrictEqual([error._tag, error.message], ["NotFound", "403 Forbidden: invalid_grant"])
  })

  it("9457-10: instance is kept as the reference it is, relative or not, and written back", () => {
    const { body, error } = reencode(403, outOfCredit, "https://example.com/account/12345/msgs")
    assert.strictEqual(extensionsOf(error)?.["instance"], "/account/12345/msgs/abc")
    assert.strictEqual(body.instance, "/account/12345/msgs/abc")
  })

  it("9457-11: RFC 9457 §3's example keeps its extension members through decode and encode", () => {
    const { body, error } = reencode(403, outOfCredit)
    assert.strictEqual(error._tag, "UnknownError")
    assert.deepStrictEqual(body, { ...outOfCredit, status: 403 })
  })

  it("9457-11: the validation example keeps its errors as they came through decode and encode", () => {
    const { body, error } = reencode(422, validation)
    assert.strictEqual(error._tag, "UnknownError")
    assert.strictEqual(error.message, "Your request is not valid.")
    // the title is the message of a problem without a detail: it is not written twice
    assert.deepStrictEqual(body, { ...validation, status: 422 })
  })

  it("9457-11: an unknown problem type keeps scope, resource and its other members as extensions", () => {
    const members = { scope: "read:accounts write:accounts", resource: "account", traceId: "00-4bf9", cause: null }
    const { body, error } = reencode(403, { type: "https://example.com/probs/no-scope", title: "No scope", ...members })
    assert.deepStrictEqual(extensionsOf(error), { title: "No scope", ...members })
    assert.deepStrictEqual(body, {
      type: "https://example.com/probs/no-scope",
      title: "No scope",
      status: 403,
      ...members
    })
  })

  it("9457-04: a type that links the HTTP specification's section of a status means that status (ASP.NET Core)", () => {
    const validation = Detect.decodeAny({
      status: 400,
      headers: { "content-type": "application/problem+json; charset=utf-8" },
      body: JSON.stringify({
        type: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        title: "One or more validation errors occurred.",
        status: 400,
        errors: { Name: ["The Name field is required."] },
        traceId: "00-84f0a2c1"
      })
    })
    assert.deepStrictEqual([validation.error._tag, validation.error.status], ["ValidationError", 400])
    assert.deepStrictEqual(fieldsOf(validation.error)["issues"], [{
      path: "Name",
      message: "The Name field is required."
    }])
    assert.deepStrictEqual(extensionsOf(validation.error), {
      traceId: "00-84f0a2c1",
      title: "One or more validation errors occurred."
    })
    const older = Problem.decode({
      status: 404,
      body: JSON.stringify({
        type: "https://tools.ietf.org/html/rfc7231#section-6.5.4",
        title: "Not Found",
        status: 404
      })
    })
    assert.strictEqual(older._tag, "NotFound")
  })

  it("9457-04: a page about one status, or RFC 2616's chapter of statuses, as type means the status", () => {
    const cases: ReadonlyArray<readonly [string, number, string]> = [
      ["https://httpstatuses.io/401", 401, "Unauthorized"],
      ["https://httpstatuses.com/409", 409, "Conflict"],
      ["https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/404", 404, "NotFound"],
      ["https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Status/429", 429, "RateLimited"],
      // Laminas API Problem's and Symfony's default: the status decides, an unknown one as the x00 of its class
      ["http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html", 403, "Forbidden"],
      ["https://tools.ietf.org/html/rfc2616#section-10", 503, "ServiceUnavailable"],
      ["https://tools.ietf.org/html/rfc2616#section-10", 418, "BadRequest"]
    ]
    for (const [type, status, tag] of cases) {
      const error = Problem.decode({ status, body: JSON.stringify({ type, title: "t", status, detail: "d" }) })
      assert.deepStrictEqual([type, error._tag, error.message], [type, tag, "d"])
    }
    // as every code does, the type says what the error is; the response keeps the status it came with
    const other = Problem.decode({ status: 404, body: JSON.stringify({ type: "https://httpstatuses.io/401" }) })
    assert.deepStrictEqual([other._tag, other.response?.status], ["Unauthorized", 404])
    // a page about a status no class is for is no such type: unknown, kept
    const teapot = Problem.decode({ status: 418, body: JSON.stringify({ type: "https://httpstatuses.io/418" }) })
    assert.deepStrictEqual([teapot._tag, (teapot as ApiError.UnknownError).code], [
      "UnknownError",
      "https://httpstatuses.io/418"
    ])
  })

  it("9457-01: the problem format of RFC 7807's predecessor is read by its media type", () => {
    const detection = Detect.decodeAny({
      status: 404,
      headers: { "content-type": "application/api-problem+json" },
      body: JSON.stringify({
        type: "http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html",
        title: "Not Found",
        status: 404,
        detail: "No entity"
      })
    })
    assert.deepStrictEqual([detection.dialect, detection.error._tag, detection.error.status, detection.error.message], [
      "problem",
      "NotFound",
      404,
      "No entity"
    ])
  })

  it("9457-14: an aggregate is a problem whose errors are its members, each a problem, read back as they were", () => {
    const aggregate = new ApiError.MultipleErrors({
      errors: [
        new ApiError.NotFound({ message: "No such user", resource: "user" }),
        new ApiError.Conflict({ message: "Name taken" })
      ]
    })
    const encoded = Problem.encode(aggregate)
    const body = JSON.parse(encoded.body)
    assert.strictEqual(encoded.status, 400)
    assert.deepStrictEqual(body.errors, [
      { type: "about:blank", title: "Not Found", status: 404, detail: "No such user", resource: "user" },
      { type: "about:blank", title: "Conflict", status: 409, detail: "Name taken" }
    ])
    const decoded = Problem.decode(encoded)
    assert.strictEqual(decoded._tag, "MultipleErrors")
    assert.deepStrictEqual(fieldsOf(decoded), fieldsOf(aggregate))
  })
})
