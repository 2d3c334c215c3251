/**
 * Prints the example's OpenAPI document, as `/openapi.json` serves it:
 * `pnpm --filter @faultline/example-management-api openapi > openapi.json`.
 * CI lints it (`pnpm lint:openapi`).
 */
import { OpenApi } from "effect/http-api"
import { Api } from "./Api.ts"

console.log(JSON.stringify(OpenApi.fromApi(Api), null, 2))
