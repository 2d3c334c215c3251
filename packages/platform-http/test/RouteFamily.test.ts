import { assert, describe, it } from "@effect/vitest"
import { RouteFamily } from "@faultline/platform-http"
import { Envelope, OAuth, Problem } from "@faultline/wire"

// seed 000's route families
const families = RouteFamily.table([
  { name: "oauth", paths: ["/.well-known/*"], dialect: OAuth.dialect },
  {
    name: "resource",
    paths: ["/api/v2/me", "/api/v2/auth-providers", "/api/v2/integration-providers", "/api/v2/apps/*"],
    dialect: Envelope.dialect,
    problem: true
  }
], { fallback: "resource" })

describe("RouteFamily", () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ["/.well-known/oauth-authorization-server", "oauth"],
    ["/.well-known/openid-configuration?x=1", "oauth"],
    ["/api/v2/me", "resource"],
    ["/api/v2/me/", "resource"],
    ["/api/v2/apps", "resource"],
    ["/api/v2/apps/app_1", "resource"],
    ["/api/v2/apps/app_1/secrets", "resource"],
    ["/api/v2/auth-providers", "resource"],
    ["/somewhere/else", "resource"]
  ]
  for (const [path, family] of cases) {
    it(`${path} speaks ${family}`, () => {
      assert.strictEqual(families.match(path).name, family)
    })
  }

  it("falls back to the first family when none is named", () => {
    const table = RouteFamily.table([{ name: "first", paths: ["/a"], dialect: Envelope.dialect }])
    assert.strictEqual(table.match("/b").name, "first")
  })

  it("answers problem+json only when the family allows it and the client asks", () => {
    const resource = families.match("/api/v2/me")
    const oauth = families.match("/.well-known/x")
    assert.strictEqual(RouteFamily.dialectFor(resource, "application/problem+json"), Problem.dialect as any)
    assert.strictEqual(RouteFamily.dialectFor(resource, "application/json"), Envelope.dialect as any)
    assert.strictEqual(RouteFamily.dialectFor(resource, undefined), Envelope.dialect as any)
    assert.strictEqual(RouteFamily.dialectFor(oauth, "application/problem+json"), OAuth.dialect as any)
  })

  // RFC 9110 §12.5.1: the q-values decide, not whether a type is named
  const negotiation: ReadonlyArray<readonly [string, "problem" | "envelope"]> = [
    ["application/problem+json;q=0", "envelope"],
    ["application/problem+json; q=0, */*", "envelope"],
    ["application/json, application/problem+json;q=0.9", "envelope"],
    ["application/json;q=0.5, application/problem+json", "problem"],
    ["application/json;q=0, application/problem+json;q=0.1", "problem"],
    ["application/*;q=0.2, application/problem+json;q=0.8", "problem"],
    ["*/*", "envelope"],
    ["text/html", "envelope"],
    ["APPLICATION/PROBLEM+JSON", "problem"],
    ["application/problem+json;q=0.001", "problem"],
    ["application/json;q=0, application/problem+json;q=0", "envelope"],
    ["not a media type", "envelope"]
  ]
  for (const [accept, dialect] of negotiation) {
    it(`Accept: ${accept} gets the ${dialect}`, () => {
      const chosen = RouteFamily.dialectFor(families.match("/api/v2/me"), accept)
      assert.strictEqual(chosen.name, dialect)
    })
  }

  // a percent-escape that does not decode is still under its prefix
  for (const path of ["/.well-known/%", "/.well-known/oauth-authorization-server%", "/.well-known/%E0%A4%A"]) {
    it(`${path} speaks oauth`, () => {
      assert.strictEqual(families.match(path).name, "oauth")
    })
  }

  it("accepts JSON media types by default, parameters and case aside", () => {
    const resource = families.match("/api/v2/me")
    for (
      const type of [
        "application/json",
        "application/json; charset=utf-8",
        "Application/JSON",
        "application/merge-patch+json"
      ]
    ) {
      assert.isTrue(RouteFamily.accepts(resource, type), type)
    }
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      assert.isFalse(RouteFamily.accepts(resource, type), type)
    }
  })
})
