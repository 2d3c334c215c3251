import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    projects: ["packages/*", "examples/*", "bench", "docs"],
    // Two cores here and on CI: keep the worker count honest.
    maxWorkers: 2
  }
})
