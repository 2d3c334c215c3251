import { defineProject } from "vitest/config"

/**
 * The test settings every workspace package shares: tests beside the package,
 * mirroring its modules.
 */
export const project = (name: string) =>
  defineProject({
    test: {
      name,
      include: ["test/**/*.test.ts"],
      testTimeout: 30_000
    }
  })
