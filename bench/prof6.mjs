import { normalizeHeaders } from "../packages/wire/dist/internal/headers.js"
import { Headers } from "effect/http"
const N = 500_000
const time = (name, f) => { let x; for (let i=0;i<20000;i++) x=f(); const t = process.hrtime.bigint(); for (let i = 0; i < N; i++) x = f(); console.log(name.padEnd(30), (Number(process.hrtime.bigint() - t) / N).toFixed(0)); return x }
const headers = { "content-type": "application/json", "x-request-id": "req_1", "retry-after": "30" }
for (let k=0;k<2;k++){
time("normalize", () => normalizeHeaders(headers))
time("parseRetryAfter", () => Headers.parseRetryAfter ? Headers.parseRetryAfter("30") : 0)
}
