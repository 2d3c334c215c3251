import { assert, describe, it } from "@effect/vitest"
import { existsSync, readFileSync } from "node:fs"

// each package README's example is a file here that `pnpm check` type-checks and the pack check runs on Node 20
const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8")

describe("package READMEs", () => {
  for (const name of ["errors", "wire", "platform-http"]) {
    it(`${name}: the example is docs/snippets/${name}.ts, word for word`, () => {
      const readme = read(`../../packages/${name}/README.md`)
      const blocks = Array.from(readme.matchAll(/```ts\n([\s\S]*?)```/g), (match) => match[1])
      assert.deepStrictEqual(blocks, [read(`../snippets/${name}.ts`)])
    })

    it(`${name}: every relative link names a file of the repository`, () => {
      const readme = read(`../../packages/${name}/README.md`)
      const targets = Array.from(readme.matchAll(/\]\(([^)#]+)\)/g), (match) => match[1]!)
        .filter((target) => !/^[a-z]+:/.test(target))
      assert.isAbove(targets.length, 0)
      for (const target of targets) {
        assert.isTrue(existsSync(new URL(`../../packages/${name}/${target}`, import.meta.url)), target)
      }
    })
  }
})
