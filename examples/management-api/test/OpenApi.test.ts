import { assert, describe, it } from "@effect/vitest"
import { OpenApi } from "effect/http-api"
import { Api } from "../src/Api.ts"

const document = OpenApi.fromApi(Api) as unknown as Record<string, any>

/** Every schema object in the document, with where it is. */
const schemasOf = (value: unknown, path = "#"): Array<readonly [string, Record<string, any>]> => {
  if (typeof value !== "object" || value === null) return []
  const here: Array<readonly [string, Record<string, any>]> = Array.isArray(value) ? [] : [[path, value as any]]
  return [
    ...here,
    ...Object.entries(value).flatMap(([key, child]) => schemasOf(child, `${path}/${key}`))
  ]
}

describe("the example's OpenAPI document, as linters read it", () => {
  const schemas = schemasOf(document)

  it("has servers, and a summary on every operation", () => {
    assert.isAbove(document.servers.length, 0)
    for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, any>>)) {
      for (const [method, operation] of Object.entries(item)) {
        assert.isString(operation.summary, `${method} ${path}`)
      }
    }
  })

  it("no anyOf or oneOf of one member, of the same member twice, or with an empty schema that matches anything", () => {
    for (const [path, schema] of schemas) {
      for (const keyword of ["anyOf", "oneOf"] as const) {
        const members = schema[keyword] as ReadonlyArray<unknown> | undefined
        if (members === undefined) continue
        assert.isAbove(members.length, 1, `${path}/${keyword}`)
        const texts = members.map((member) => JSON.stringify(member))
        assert.strictEqual(new Set(texts).size, texts.length, `${path}/${keyword}: a member twice`)
        assert.notInclude(texts, "{}", `${path}/${keyword}: an empty schema`)
      }
    }
  })

  it("no enum lists a value twice (a code is one literal)", () => {
    for (const [path, schema] of schemas) {
      const values = schema["enum"] as ReadonlyArray<unknown> | undefined
      if (values === undefined) continue
      assert.strictEqual(new Set(values.map((value) => JSON.stringify(value))).size, values.length, path)
    }
  })

  it("every group is described", () => {
    for (const tag of document.tags as ReadonlyArray<{ readonly name: string; readonly description?: string }>) {
      assert.isString(tag.description, tag.name)
    }
  })
})
