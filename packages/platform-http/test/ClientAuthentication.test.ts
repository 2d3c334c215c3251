import { assert, describe, it } from "@effect/vitest"
import { ApiError } from "@faultline/errors"
import { ClientAuthentication } from "@faultline/platform-http"
import { Effect, Redacted, Result } from "effect"

const basic = (userPass: string) => `Basic ${Buffer.from(userPass, "utf8").toString("base64")}`

/** Header, client id, secret: credentials RFC 6749 §2.3.1 lets a client send. */
const readable: ReadonlyArray<readonly [string, string, string, string]> = [
  ["plain", basic("demo-client:demo-secret"), "demo-client", "demo-secret"],
  ["a form-encoded space and colon (RFC 6749 Appendix B)", basic("my%3Aclient:s+e%25cret"), "my:client", "s e%cret"],
  ["only the first colon separates (RFC 7617 §2)", basic("id:se:cret"), "id", "se:cret"],
  ["an empty secret", basic("id:"), "id", ""],
  ["the scheme in any case, spaces around", `  bAsIc   ${Buffer.from("id:s").toString("base64")}  `, "id", "s"]
]

/** Header: credentials that cannot be read. */
const malformed: ReadonlyArray<readonly [string, string]> = [
  ["not base64", "Basic !!!not-base64!!!"],
  ["base64 of the wrong length", "Basic abc"],
  ["no colon", basic("demo-client")],
  ["an empty client id", basic(":secret")],
  ["a percent-escape that does not decode, in the id", basic("%zz:secret")],
  ["a percent-escape that does not decode, in the secret", basic("id:100%")],
  ["a cut UTF-8 sequence", basic("id:%E0%A4%A")],
  ["the scheme alone", "Basic"]
]

describe("ClientAuthentication", () => {
  for (const [what, header, clientId, secret] of readable) {
    it.effect(`reads ${what}`, () =>
      Effect.gen(function*() {
        const credentials = yield* ClientAuthentication.basic(header)
        assert.strictEqual(credentials?.clientId, clientId)
        assert.strictEqual(credentials === undefined ? undefined : Redacted.value(credentials.clientSecret), secret)
      }))
  }

  for (const [what, header] of malformed) {
    it.effect(`6749-09: ${what} is invalid_client, 401 with a Basic challenge`, () =>
      Effect.gen(function*() {
        const result = yield* Effect.result(ClientAuthentication.basic(header, { realm: "example" }))
        assert.isTrue(Result.isFailure(result))
        const error = (result as Result.Failure<unknown, ApiError.InvalidClient>).failure
        assert.isTrue(error instanceof ApiError.InvalidClient)
        assert.strictEqual(error.status, 401)
        assert.deepStrictEqual(error.challenges, [{ scheme: "Basic", params: { realm: "example" } }])
      }))
  }

  it.effect("no Authorization field, or another scheme, is no Basic authentication at all", () =>
    Effect.gen(function*() {
      for (const header of [undefined, "Bearer abc", "Basically", "Digest username=\"x\""]) {
        assert.isUndefined(yield* ClientAuthentication.basic(header), String(header))
      }
    }))
})
