import { ApiError } from "@faultline/errors"
import { Detect, Dialect, Envelope, Problem } from "@faultline/wire"

// encode strictly: the status, the headers and the body, in the dialect's form
const sent = Envelope.encode(new ApiError.NotFound({ message: "App not found" }), { requestId: "4c9b58ff" })
console.log(sent.status, sent.body) // 404 {"error":{"code":"not_found","message":"App not found",…}}

// decode totally: whatever came back, a typed error, never a throw
const { dialect, error } = Detect.decodeAny({
  status: 404,
  body: `{"code":"USER_NOT_EXIST","description":"No user 42"}`
})
console.log(dialect, error._tag, Problem.encode(error).body) // code-description NotFound {"type":"about:blank",…}

console.log(Dialect.lookup(Envelope.dialect, "rate_limit_exceeded").class?.tag) // RateLimited
