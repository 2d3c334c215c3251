import { Retry } from "@faultline/platform-http"
import { Flat, OAuth } from "@faultline/wire"
const enc = new TextEncoder()
const N = 200_000
const time = (name, f) => { let x; for (let i=0;i<20000;i++) x=f(); const t = process.hrtime.bigint(); for (let i = 0; i < N; i++) x = f(); console.log(name.padEnd(30), (Number(process.hrtime.bigint() - t) / N).toFixed(0)); return x }
const text = JSON.stringify({ error: "rate_limit_exceeded", error_description: "Rate limit exceeded", retry_after: 30 })
const bytes = enc.encode(text)
const headers = { "content-type": "application/json", "x-request-id": "req_1", "retry-after": "30" }
const state = Retry.initialState()
const e = Flat.decode({ status: 429, headers, body: bytes })
for (let k=0;k<2;k++){
time("flat decode string", () => Flat.decode({ status: 429, headers, body: text }))
time("flat decode bytes", () => Flat.decode({ status: 429, headers, body: bytes }))
time("flat decode no headers", () => Flat.decode({ status: 429, body: text }))
time("decide", () => Retry.decide(e, state))
time("textdecoder", () => new TextDecoder().decode(bytes))
const ch = { "content-type": "application/json", "www-authenticate": `Bearer realm="api", error="invalid_token", error_description="The access token expired"` }
const body401 = JSON.stringify({ error: "invalid_token", error_description: "The access token expired" })
time("oauth 401 challenge", () => OAuth.decode({ status: 401, headers: ch, body: body401 }))
time("oauth 401 no challenge", () => OAuth.decode({ status: 401, headers: {"content-type": "application/json"}, body: body401 }))
}
