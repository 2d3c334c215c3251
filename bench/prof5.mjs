import { WwwAuthenticate } from "@faultline/wire"
const N = 200_000
const time = (name, f) => { let x; for (let i=0;i<20000;i++) x=f(); const t = process.hrtime.bigint(); for (let i = 0; i < N; i++) x = f(); console.log(name.padEnd(30), (Number(process.hrtime.bigint() - t) / N).toFixed(0)); return x }
const h = `Bearer realm="api", error="invalid_token", error_description="The access token expired"`
for (let k=0;k<2;k++){
time("parse", () => WwwAuthenticate.parse(h))
time("parse short", () => WwwAuthenticate.parse(`Bearer realm="api"`))
}
