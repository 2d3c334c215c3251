/**
 * Writes `docs/catalog.md`: `pnpm --filter @faultline/docs catalog`, part of `pnpm run docs`.
 */
import { writeFileSync } from "node:fs"
import { builtIn, render } from "./Catalog.ts"

writeFileSync(new URL("../catalog.md", import.meta.url), render(builtIn()))
