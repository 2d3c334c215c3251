import { OAuth } from "@faultline/wire"
const ch = { "content-type": "application/json", "www-authenticate": `Bearer realm="api", error="invalid_token", error_description="The access token expired"` }
const body401 = JSON.stringify({ error: "invalid_token", error_description: "The access token expired" })
let x
for (let i=0;i<300000;i++) x = OAuth.decode({ status: 401, headers: ch, body: body401 })
