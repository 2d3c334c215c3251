import { assert, describe, it } from "@effect/vitest"
import { Challenge } from "@faultline/errors"
import { WwwAuthenticate } from "@faultline/wire"
import { Arbitrary, Schema } from "effect"

const oauth4webapi = "oauth4webapi www_authenticate vectors (adapted)"

interface ParseVector {
  readonly source: string
  readonly name: string
  readonly header: string | ReadonlyArray<string>
  readonly expected: ReadonlyArray<Challenge.Challenge>
}

/**
 * What the parser reads. Differences from oauth4webapi's expectations are deliberate: schemes keep their case
 * (they are compared case-insensitively, RFC 9110 §11.1, and a proxy must not alter the field, §11.6.1), a
 * repeated parameter keeps its first value, and inputs oauth4webapi rejects are read as far as they go.
 */
const parseVectors: ReadonlyArray<ParseVector> = [
  // --- the specifications' own examples
  {
    source: "RFC 6750 §3",
    name: "a realm only",
    header: `Bearer realm="example"`,
    expected: [{ scheme: "Bearer", params: { realm: "example" } }]
  },
  {
    source: "RFC 6750 §3",
    name: "an expired token",
    header: `Bearer realm="example", error="invalid_token", error_description="The access token expired"`,
    expected: [{
      scheme: "Bearer",
      params: { realm: "example", error: "invalid_token", error_description: "The access token expired" }
    }]
  },
  {
    source: "seed 004",
    name: "insufficient_scope with its scope",
    header: `Bearer error="insufficient_scope", scope="..."`,
    expected: [{ scheme: "Bearer", params: { error: "insufficient_scope", scope: "..." } }]
  },
  {
    source: "RFC 9110 §11.6.1",
    name: "two challenges, a token and a quoted-pair among the params",
    header: `Basic realm="simple", Newauth realm="apps", type=1, title="Login to \\"apps\\""`,
    expected: [
      { scheme: "Basic", params: { realm: "simple" } },
      { scheme: "Newauth", params: { realm: "apps", type: "1", title: `Login to "apps"` } }
    ]
  },
  {
    source: "RFC 9449 §7.2",
    name: "a bare Bearer challenge then a DPoP one",
    header: `Bearer, DPoP algs="ES256 PS256"`,
    expected: [{ scheme: "Bearer", params: {} }, { scheme: "DPoP", params: { algs: "ES256 PS256" } }]
  },
  {
    source: "RFC 9449 §7.1",
    name: "a DPoP challenge with an error and algs",
    header:
      `DPoP realm="WallyWorld", error="invalid_token", error_description="Invalid DPoP key binding", algs="ES256"`,
    expected: [{
      scheme: "DPoP",
      params: {
        realm: "WallyWorld",
        error: "invalid_token",
        error_description: "Invalid DPoP key binding",
        algs: "ES256"
      }
    }]
  },
  {
    source: "RFC 9449 §9",
    name: "a resource server's nonce request",
    header: `DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"`,
    expected: [{
      scheme: "DPoP",
      params: { error: "use_dpop_nonce", error_description: "Resource server requires nonce in DPoP proof" }
    }]
  },
  {
    source: "RFC 9470 §3",
    name: "step-up with max_age as a quoted-string",
    header:
      `Bearer error="insufficient_user_authentication", error_description="More recent authentication is required", max_age="5"`,
    expected: [{
      scheme: "Bearer",
      params: {
        error: "insufficient_user_authentication",
        error_description: "More recent authentication is required",
        max_age: "5"
      }
    }]
  },
  {
    source: "RFC 9728 §5.1",
    name: "resource_metadata",
    header: `Bearer resource_metadata="https://resource.example.com/.well-known/oauth-protected-resource"`,
    expected: [{
      scheme: "Bearer",
      params: { resource_metadata: "https://resource.example.com/.well-known/oauth-protected-resource" }
    }]
  },
  // --- token68 (RFC 9110 §11.2)
  {
    source: "RFC 9110 §11.2; oauth4webapi www_authenticate vectors (adapted)",
    name: "9110-05: `Bearer error=` is a token68, not an error parameter",
    header: "Bearer error=",
    expected: [{ scheme: "Bearer", token68: "error=", params: {} }]
  },
  {
    source: oauth4webapi,
    name: "a token68 with padding, then another challenge",
    header: `NTLS Y2hhbGxlbmdlIHdpdGggbW9yZSBiYXNlNjQgZGF0YQ==, Scheme realm="foobar"`,
    expected: [
      { scheme: "NTLS", token68: "Y2hhbGxlbmdlIHdpdGggbW9yZSBiYXNlNjQgZGF0YQ==", params: {} },
      { scheme: "Scheme", params: { realm: "foobar" } }
    ]
  },
  {
    source: oauth4webapi,
    name: "a token68 without padding",
    header: "Negotiate YIIB/wYJKoZIhvcSAQICAQBuggHkMIIB4AIBADGCAZow+~._-",
    expected: [{ scheme: "Negotiate", token68: "YIIB/wYJKoZIhvcSAQICAQBuggHkMIIB4AIBADGCAZow+~._-", params: {} }]
  },
  {
    source: oauth4webapi,
    name: "one malformed challenge between two good ones",
    header: `Bearer realm="foo", Digest blah==, Basic realm="bar"`,
    expected: [
      { scheme: "Bearer", params: { realm: "foo" } },
      { scheme: "Digest", token68: "blah==", params: {} },
      { scheme: "Basic", params: { realm: "bar" } }
    ]
  },
  {
    // regression: read as a parameter `abc` with the value "= ???" (no parameter value starts with "=")
    source: oauth4webapi,
    name: "a token68 with junk after it keeps the token68 and skips the junk",
    header: "Negotiate abc== ???, Basic realm=\"x\"",
    expected: [{ scheme: "Negotiate", token68: "abc==", params: {} }, { scheme: "Basic", params: { realm: "x" } }]
  },
  {
    source: oauth4webapi,
    name: "an auth-param after a token68 challenge belongs to no challenge",
    header: `Negotiate abc123==, realm="ignored"`,
    expected: [{ scheme: "Negotiate", token68: "abc123==", params: {} }]
  },
  // --- quoted strings (RFC 9110 §5.6.4)
  {
    source: "RFC 9110 §5.6.4; oauth4webapi www_authenticate vectors (adapted)",
    name: "9110-06: quoted-pairs are unescaped",
    header: `Bearer error="invalid_token", error_description="The token was \\"tampered\\""`,
    expected: [{ scheme: "Bearer", params: { error: "invalid_token", error_description: `The token was "tampered"` } }]
  },
  {
    source: oauth4webapi,
    name: "an escaped backslash",
    header: `Bearer error_description="bad \\\\ token"`,
    expected: [{ scheme: "Bearer", params: { error_description: "bad \\ token" } }]
  },
  {
    source: "RFC 9110 §5.6.4",
    name: "a comma and an equals sign inside a quoted-string",
    header: `Scheme foo="realm=nottherealm, x=y", realm="basic"`,
    expected: [{ scheme: "Scheme", params: { foo: "realm=nottherealm, x=y", realm: "basic" } }]
  },
  {
    source: oauth4webapi,
    name: "a %-escape is not special",
    header: `Scheme realm="foo%20bar"`,
    expected: [{ scheme: "Scheme", params: { realm: "foo%20bar" } }]
  },
  {
    source: "RFC 9110 §11.5",
    name: "an empty realm",
    header: `Bearer realm=""`,
    expected: [{ scheme: "Bearer", params: { realm: "" } }]
  },
  {
    source: oauth4webapi,
    name: "an unterminated quoted-string is read to the end",
    header: `Bearer realm="unclosed`,
    expected: [{ scheme: "Bearer", params: { realm: "unclosed" } }]
  },
  {
    source: oauth4webapi,
    name: "an unterminated quoted-string with stray escapes",
    header: `Bearer error="bad\\escape\\"`,
    expected: [{ scheme: "Bearer", params: { error: `badescape"` } }]
  },
  {
    source: "RFC 9110 §5.6.4",
    name: "a backslash at the very end is kept",
    header: `Bearer realm="x\\`,
    expected: [{ scheme: "Bearer", params: { realm: "x\\" } }]
  },
  // --- folded lines (RFC 9112 §5.2: a recipient replaces obs-fold with SP before reading the value)
  {
    source: "RFC 6750 §3 (its example as printed, folded over three lines); RFC 9112 §5.2",
    name: "the RFC's folded example keeps all three parameters",
    header: `Bearer realm="example",\r\n                  error="invalid_token",\r\n` +
      `                  error_description="The access token expired"`,
    expected: [{
      scheme: "Bearer",
      params: { realm: "example", error: "invalid_token", error_description: "The access token expired" }
    }]
  },
  {
    source: "RFC 9112 §5.2",
    name: "a fold between the scheme and its first parameter",
    header: `Bearer\r\n realm="x", error="invalid_token"`,
    expected: [{ scheme: "Bearer", params: { realm: "x", error: "invalid_token" } }]
  },
  {
    source: "RFC 9112 §5.2; RFC 9110 §11.2 (BWS)",
    name: "folds around = and before the comma",
    header: `Bearer realm\r\n\t=\r\n\t"x" \r\n , error="y"`,
    expected: [{ scheme: "Bearer", params: { realm: "x", error: "y" } }]
  },
  {
    source: "RFC 9112 §5.2",
    name: "a fold inside a quoted-string is one space, with the blanks around it",
    header: `Bearer error_description="The access \r\n\t token expired"`,
    expected: [{ scheme: "Bearer", params: { error_description: "The access token expired" } }]
  },
  {
    source: "RFC 9112 §5.2; RFC 9110 §11.6.1",
    name: "a fold between two challenges",
    header: `Basic realm="a",\r\n Bearer error="invalid_token"`,
    expected: [{ scheme: "Basic", params: { realm: "a" } }, { scheme: "Bearer", params: { error: "invalid_token" } }]
  },
  {
    source: "RFC 9112 §5.2",
    name: "a fold between a scheme and its token68",
    header: "Negotiate\r\n abc==",
    expected: [{ scheme: "Negotiate", token68: "abc==", params: {} }]
  },
  {
    source: "RFC 9112 §5.2 (a caller's raw string)",
    name: "a lone LF or CR with no space after it is whitespace too, not the end of the challenge",
    header: `Bearer realm="x",\nerror="invalid_token",\rscope="read"`,
    expected: [{ scheme: "Bearer", params: { realm: "x", error: "invalid_token", scope: "read" } }]
  },
  // --- lists (RFC 9110 §5.6.1.2) and whitespace (§5.6.3)
  {
    source: "RFC 9110 §5.6.1.2",
    name: "9110-09: empty list elements before a challenge",
    header: ", ,Bearer",
    expected: [{ scheme: "Bearer", params: {} }]
  },
  {
    source: oauth4webapi,
    name: "9110-09: empty elements between parameters and a trailing comma",
    header: `Scheme realm="foo", bar="xyz",, a=b,,,c=d,`,
    expected: [{ scheme: "Scheme", params: { realm: "foo", bar: "xyz", a: "b", c: "d" } }]
  },
  {
    // regression: `realm` was read as a second challenge's scheme and the realm lost
    source: "RFC 9110 §5.6.1.2; oauth4webapi www_authenticate vectors (adapted)",
    name: "9110-09: an empty element between the scheme and its first parameter",
    header: `Scheme , realm="foo"`,
    expected: [{ scheme: "Scheme", params: { realm: "foo" } }]
  },
  {
    source: oauth4webapi,
    name: "no space between the scheme's comma and a parameter (lenient)",
    header: `Scheme, realm="foo"`,
    expected: [{ scheme: "Scheme", params: { realm: "foo" } }]
  },
  {
    source: "RFC 9110 §5.6.3",
    name: "9110-10: no space after commas",
    header: `Bearer realm="Service",error="invalid_token",DPoP algs="ES256"`,
    expected: [
      { scheme: "Bearer", params: { realm: "Service", error: "invalid_token" } },
      { scheme: "DPoP", params: { algs: "ES256" } }
    ]
  },
  {
    source: oauth4webapi,
    name: "9110-10: whitespace around = and commas",
    header: `Bearer   realm =   "something"   ,error="bad_token" ,  error_description = " spaced "`,
    expected: [{ scheme: "Bearer", params: { realm: "something", error: "bad_token", error_description: " spaced " } }]
  },
  {
    source: "RFC 9110 §5.6.3",
    name: "tabs as whitespace",
    header: "Bearer\trealm\t=\t\"x\"",
    expected: [{ scheme: "Bearer", params: { realm: "x" } }]
  },
  {
    source: "RFC 9110 §11.2",
    name: "a bare-token value and an unquoted value with spaces (lenient, read to the comma)",
    header: "Bearer realm=api, error_description=The token expired, error=invalid_token",
    expected: [{
      scheme: "Bearer",
      params: { realm: "api", error_description: "The token expired", error: "invalid_token" }
    }]
  },
  // --- names (RFC 9110 §11.1, §11.2)
  {
    source: oauth4webapi,
    name: "parameter names are lower-cased, the scheme keeps its case",
    header: `BEARER ERROR="token", Scope="read"`,
    expected: [{ scheme: "BEARER", params: { error: "token", scope: "read" } }]
  },
  {
    source: "RFC 9110 §11.2; oauth4webapi www_authenticate vectors (adapted)",
    name: "9110-04: a repeated parameter keeps its first value",
    header: `Bearer error="a", ERROR="b", error="c"`,
    expected: [{ scheme: "Bearer", params: { error: "a" } }]
  },
  {
    source: "RFC 9449 §7.2",
    name: "the same parameter once in each of two challenges",
    header: `Bearer error="invalid_token", DPoP error="invalid_token", algs="ES256"`,
    expected: [
      { scheme: "Bearer", params: { error: "invalid_token" } },
      { scheme: "DPoP", params: { error: "invalid_token", algs: "ES256" } }
    ]
  },
  // --- missing commas, recovered: the one reading that needs no other repair
  {
    source: "spring-projects/spring-security OAuth2ErrorResponseErrorHandlerTests (a client that reads this form)",
    name: "auth-params separated by spaces only keep their error",
    header: `Bearer realm="auth-realm" error="insufficient_scope" error_description="The access token expired"`,
    expected: [{
      scheme: "Bearer",
      params: { realm: "auth-realm", error: "insufficient_scope", error_description: "The access token expired" }
    }]
  },
  {
    source: "cdapio/cdap SecurityAuthenticationHttpHandler (`Bearer realm=\"%s\" error=\"invalid_token\" …`)",
    name: "a router's invalid_token challenge without commas",
    header: `Bearer realm="cdap" error="invalid_token" error_description="Token is expired"`,
    expected: [{
      scheme: "Bearer",
      params: { realm: "cdap", error: "invalid_token", error_description: "Token is expired" }
    }]
  },
  {
    source: "continuuity SecurityAuthenticationHttpHandler (CDAP before its rename: no space before error_description)",
    name: "no space at all after a closing quote",
    header: `Bearer realm="reactor" error="invalid_token"error_description="Token is expired"`,
    expected: [{
      scheme: "Bearer",
      params: { realm: "reactor", error: "invalid_token", error_description: "Token is expired" }
    }]
  },
  {
    source: "RFC 9110 §11.2",
    name: "a missing comma, then a real one: the list goes on",
    header: `Bearer realm="x" error="y", scope="z"`,
    expected: [{ scheme: "Bearer", params: { realm: "x", error: "y", scope: "z" } }]
  },
  {
    source: "RFC 9110 §11.2",
    name: "token values separated by spaces",
    header: "Bearer error=invalid_token scope=read",
    expected: [{ scheme: "Bearer", params: { error: "invalid_token", scope: "read" } }]
  },
  {
    source: "RFC 9110 §11.2 (BWS)",
    name: "whitespace around = as well",
    header: `Bearer realm = "x"  error =  invalid_token`,
    expected: [{ scheme: "Bearer", params: { realm: "x", error: "invalid_token" } }]
  },
  {
    source: "RFC 9110 §5.6.2",
    name: "single-quoted token values separated by spaces",
    header: "Bearer realm='x' error='y'",
    expected: [{ scheme: "Bearer", params: { realm: "'x'", error: "'y'" } }]
  },
  {
    source: "Kinto/kinto-fxa issue 9 (pyramid_multiauth joined two challenges with nothing between them)",
    name: "a second challenge right after a closing quote",
    header: `Bearer realm="Realm"Basic realm="Realm"`,
    expected: [{ scheme: "Bearer", params: { realm: "Realm" } }, { scheme: "Basic", params: { realm: "Realm" } }]
  },
  {
    source: "RFC 9110 §11.6.1",
    name: "a second scheme is a new challenge, not params of the first: the error is Bearer's, not Basic's",
    header: `Basic realm="a" Bearer error="invalid_token"`,
    expected: [{ scheme: "Basic", params: { realm: "a" } }, { scheme: "Bearer", params: { error: "invalid_token" } }]
  },
  {
    source: "RFC 9449 §7.2, §9",
    name: "a second scheme after a token value is a new challenge, not more words of the value",
    header: `Bearer realm=api DPoP error="use_dpop_nonce"`,
    expected: [{ scheme: "Bearer", params: { realm: "api" } }, { scheme: "DPoP", params: { error: "use_dpop_nonce" } }]
  },
  {
    source: "RFC 9449 §7.2 (its example with the comma missing)",
    name: "a bare scheme then a challenge",
    header: `Bearer DPoP algs="ES256 PS256"`,
    expected: [{ scheme: "Bearer", params: {} }, { scheme: "DPoP", params: { algs: "ES256 PS256" } }]
  },
  {
    source: "RFC 9110 §11.2, §11.6.1",
    name: "a token68 challenge then a challenge",
    header: `Negotiate abc== Basic realm="x"`,
    expected: [{ scheme: "Negotiate", token68: "abc==", params: {} }, { scheme: "Basic", params: { realm: "x" } }]
  },
  {
    source: "RFC 9110 §11.2",
    name: "a one-word unquoted value ends where a parameter follows",
    header: "Bearer error_description=Expired error=invalid_token realm=api",
    expected: [{ scheme: "Bearer", params: { error_description: "Expired", error: "invalid_token", realm: "api" } }]
  },
  {
    source: "RFC 9110 §11.2 (the reading with one repair, not two)",
    name: "after a token value, `word name=value` is a challenge whatever the word: unquoted prose can lose its error",
    header: "Bearer error_description=Token expired error=invalid_token",
    expected: [{ scheme: "Bearer", params: { error_description: "Token" } }, {
      scheme: "expired",
      params: { error: "invalid_token" }
    }]
  },
  // --- missing commas, refused: more than one reading, or none; the rest is skipped to the next comma
  {
    source: "RFC 9110 §11.2",
    name: "a token68 after a value is not a parameter",
    header: `Bearer realm="x" abc==, scope="y"`,
    expected: [{ scheme: "Bearer", params: { realm: "x", scope: "y" } }]
  },
  {
    source: "RFC 9110 §11.2; oauth4webapi www_authenticate vectors (adapted)",
    name: "a parameter after a token68 is not the token68 challenge's (it has none)",
    header: `Negotiate abc== error="invalid_token"`,
    expected: [{ scheme: "Negotiate", token68: "abc==", params: {} }]
  },
  {
    source: "RFC 9110 §11.2",
    name: "a scheme and its token68 after a value are neither params nor told from prose",
    header: `Bearer realm="x" Negotiate abc==`,
    expected: [{ scheme: "Bearer", params: { realm: "x" } }]
  },
  {
    source: "RFC 9110 §11.2",
    name: "`name=` with no value after a value",
    header: `Bearer realm="x" error=`,
    expected: [{ scheme: "Bearer", params: { realm: "x" } }]
  },
  {
    source: "RFC 9110 §11.2",
    name: "prose after a value",
    header: `Bearer error="invalid_token" please retry later`,
    expected: [{ scheme: "Bearer", params: { error: "invalid_token" } }]
  },
  {
    source: "RFC 9110 §11.2 (lenient: unquoted values with spaces)",
    name: "inside an unquoted value of several words nothing is inferred: DPoP's error is never given to Bearer",
    header: `Bearer error_description=Token is bad DPoP error="use_dpop_nonce"`,
    expected: [{ scheme: "Bearer", params: { error_description: `Token is bad DPoP error="use_dpop_nonce"` } }]
  },
  // --- what real servers send, and garbage
  {
    source: "RFC 9110 §5.6.2; oauth4webapi www_authenticate vectors (Reschke's 'using single quotes (lax behaviour)')",
    name: "`'` is a token character, not a quote: single-quoted values keep their quotes",
    header: `Scheme realm='foo'`,
    expected: [{ scheme: "Scheme", params: { realm: "'foo'" } }]
  },
  {
    source: "RFC 9110 §5.6.2, §5.6.4",
    name: "`'` does not quote a comma: the element ends at it, and `b'` begins a challenge",
    header: `Bearer error_description='a, b', error='x'`,
    expected: [{ scheme: "Bearer", params: { error_description: "'a" } }, { scheme: "b'", params: { error: "'x'" } }]
  },
  {
    source: "RFC 9110 §5.6.2 (lenient: unquoted values with spaces)",
    name: "single-quoted values with spaces read as unquoted words",
    header: `Bearer realm='single', error_description='two words'`,
    expected: [{ scheme: "Bearer", params: { realm: "'single'", error_description: "'two words'" } }]
  },
  {
    source: "RFC 9110 §5.6.2",
    name: "an unterminated single quote is part of the value",
    header: `Bearer realm='unterminated`,
    expected: [{ scheme: "Bearer", params: { realm: "'unterminated" } }]
  },
  {
    source: "RFC 9110 §5.6.2",
    name: "`'` in a scheme and a parameter name is a token character too",
    header: `O'Auth it's="x"`,
    expected: [{ scheme: "O'Auth", params: { "it's": "x" } }]
  },
  {
    source: "Facebook Graph API (standards.md §17)",
    name: "Facebook's bare quoted strings give a challenge with no params",
    header: `OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token."`,
    expected: [{ scheme: "OAuth", params: {} }]
  },
  {
    source: "Facebook Graph API (standards.md §17)",
    name: "Facebook's challenge then a Bearer one",
    header: `OAuth "Facebook Platform" "invalid_token" "Invalid, with a comma", Bearer error="invalid_token"`,
    expected: [{ scheme: "OAuth", params: {} }, { scheme: "Bearer", params: { error: "invalid_token" } }]
  },
  {
    source: oauth4webapi,
    name: "the empty field",
    header: "",
    expected: []
  },
  {
    source: oauth4webapi,
    name: "only commas",
    header: " , ,",
    expected: []
  },
  {
    source: oauth4webapi,
    name: "parameters with no scheme are not challenges",
    header: `  error="invalid_token", error_description="no scheme"`,
    expected: []
  },
  {
    source: oauth4webapi,
    name: "a missing = between name and value",
    header: `Bearer error"invalid_token"`,
    expected: [{ scheme: "Bearer", params: {} }]
  },
  {
    source: oauth4webapi,
    name: "junk after a parameter is skipped",
    header: `Bearer error="ok", ???`,
    expected: [{ scheme: "Bearer", params: { error: "ok" } }]
  },
  {
    source: "RFC 9110 §5.5",
    name: "controls and characters above U+00FF (only a caller's string can hold them) are made header-safe",
    header: "Bearer a=\"x\u0000\r\ny\u20AC\", b=\"\u00E9\t\"",
    expected: [{ scheme: "Bearer", params: { a: "x y?", b: "\u00E9\t" } }]
  }
]

interface MultiLineVector {
  readonly source: string
  readonly name: string
  readonly lines: ReadonlyArray<string>
  readonly expected: ReadonlyArray<Challenge.Challenge>
}

const multiLineVectors: ReadonlyArray<MultiLineVector> = [
  {
    source: "RFC 9110 §11.6.1, §5.3",
    name: "a Bearer line and a DPoP line",
    lines: [`Bearer realm="api", error="invalid_token"`, `DPoP algs="ES256 PS256"`],
    expected: [
      { scheme: "Bearer", params: { realm: "api", error: "invalid_token" } },
      { scheme: "DPoP", params: { algs: "ES256 PS256" } }
    ]
  },
  {
    source: "RFC 9449 §7.2",
    name: "bare challenges on separate lines",
    lines: ["Bearer", `DPoP algs="ES256"`],
    expected: [{ scheme: "Bearer", params: {} }, { scheme: "DPoP", params: { algs: "ES256" } }]
  },
  {
    source: "RFC 9110 §11.6.1",
    name: "a token68 line then a params line",
    lines: ["Negotiate abc==", `Basic realm="x"`],
    expected: [{ scheme: "Negotiate", token68: "abc==", params: {} }, { scheme: "Basic", params: { realm: "x" } }]
  },
  {
    source: "RFC 9110 §5.6.1.2",
    name: "empty lines",
    lines: ["", "Bearer", ""],
    expected: [{ scheme: "Bearer", params: {} }]
  }
]

interface FormatVector {
  readonly source: string
  readonly name: string
  readonly challenges: ReadonlyArray<Challenge.Challenge>
  readonly expected: string
}

const formatVectors: ReadonlyArray<FormatVector> = [
  {
    source: "RFC 6750 §3",
    name: "a bare scheme",
    challenges: [{ scheme: "Bearer", params: {} }],
    expected: "Bearer"
  },
  {
    source: "RFC 9110 §11.5",
    name: "9110-08: an empty realm is sent as realm=\"\"",
    challenges: [{ scheme: "Bearer", params: { realm: "" } }],
    expected: `Bearer realm=""`
  },
  {
    source: "RFC 9110 §11.5",
    name: "9110-08: a realm that is a token is still quoted",
    challenges: [{ scheme: "Bearer", params: { realm: "api" } }],
    expected: `Bearer realm="api"`
  },
  {
    source: "RFC 9110 §5.6.2",
    name: "9110-07: values with spaces, commas and = are quoted",
    challenges: [{ scheme: "Bearer", params: { scope: "read write", title: "a, b=c" } }],
    expected: `Bearer scope="read write", title="a, b=c"`
  },
  {
    source: "RFC 9110 §5.6.4; oauth4webapi www_authenticate vectors (adapted)",
    name: "9110-06: only \" and \\ are escaped",
    challenges: [{ scheme: "Bearer", params: { error_description: `The token was "tampered" \\ (really)` } }],
    expected: `Bearer error_description="The token was \\"tampered\\" \\\\ (really)"`
  },
  {
    source: "RFC 9110 §5.6.3, §11.6.1",
    name: "9110-10: several challenges: one space after each comma, none around =",
    challenges: [
      { scheme: "Bearer", params: { realm: "api", error: "invalid_token" } },
      { scheme: "DPoP", params: { algs: "ES256 PS256" } },
      { scheme: "Basic", params: {} }
    ],
    expected: `Bearer realm="api", error="invalid_token", DPoP algs="ES256 PS256", Basic`
  },
  {
    source: "RFC 9110 §11.2",
    name: "9110-05: a token68",
    challenges: [{ scheme: "Negotiate", token68: "abc+/==", params: {} }],
    expected: "Negotiate abc+/=="
  },
  {
    source: "RFC 9110 §11.3",
    name: "a token68 wins over params (the grammar has no syntax for both)",
    challenges: [{ scheme: "Negotiate", token68: "abc", params: { realm: "x" } }],
    expected: "Negotiate abc"
  },
  {
    source: "RFC 9110 §11.2",
    name: "a token68 that is not one is dropped, its params sent",
    challenges: [{ scheme: "Negotiate", token68: "a b", params: { realm: "x" } }],
    expected: `Negotiate realm="x"`
  },
  {
    source: "RFC 9110 §11.1",
    name: "the scheme keeps its case",
    challenges: [{ scheme: "dpop", params: { algs: "ES256" } }],
    expected: `dpop algs="ES256"`
  }
]

interface InjectionVector {
  readonly name: string
  readonly challenges: ReadonlyArray<Challenge.Challenge>
  readonly expected: string
}

// Challenges built in code, bypassing the schema: `format` must never let CR or LF out (RFC 9110 §5.5).
const injectionVectors: ReadonlyArray<InjectionVector> = [
  {
    name: "CR LF in a value becomes a space",
    challenges: [{ scheme: "Bearer", params: { realm: "api\r\nSet-Cookie: a=b" } }],
    expected: `Bearer realm="api Set-Cookie: a=b"`
  },
  {
    name: "a lone LF and a NUL in a value",
    challenges: [{ scheme: "Bearer", params: { error_description: "line\nbreak\u0000end" } }],
    expected: `Bearer error_description="line break end"`
  },
  {
    name: "a scheme that is not a token becomes Bearer",
    challenges: [{ scheme: "Bearer\r\nX-Evil: 1", params: { realm: "x" } }],
    expected: `Bearer realm="x"`
  },
  {
    name: "a parameter name that is not a token is left out",
    challenges: [{ scheme: "Bearer", params: { "x\r\ny": "1", realm: "x" } }],
    expected: `Bearer realm="x"`
  },
  {
    name: "a token68 with CR LF is not a token68",
    challenges: [{ scheme: "Basic", token68: "abc\r\n", params: {} }],
    expected: "Basic"
  },
  {
    name: "characters above U+00FF become ?",
    challenges: [{ scheme: "Bearer", params: { error_description: "caf\u00E9 \u2603" } }],
    expected: `Bearer error_description="caf\u00E9 ?"`
  }
]

const isChallenge = Schema.is(Challenge.Challenge)

/** What `format` keeps of a challenge: the token68 alone when there is one, else the params. */
const formattable = (challenge: Challenge.Challenge): Challenge.Challenge =>
  challenge.token68 !== undefined
    ? { scheme: challenge.scheme, token68: challenge.token68, params: {} }
    : { scheme: challenge.scheme, params: challenge.params }

/** A piece of a field, or of what breaks parsers. */
const headerishPiece = Arbitrary.schema(Schema.Literals([
  "Bearer",
  "DPoP",
  "realm",
  "error",
  "abc",
  " ",
  "\t",
  ",",
  "=",
  "==",
  "\"",
  "\\",
  "'",
  "x y",
  "\r\n",
  "\n",
  "\r",
  "Basic",
  "b=c",
  "\"q\"",
  "\u0000",
  "\u20AC",
  "\u00E9"
]))

/** Header-like text: the pieces a field is made of, and the ones that break parsers. */
const headerish = Arbitrary.array(headerishPiece, { maxLength: 24 }).pipe(Arbitrary.map((pieces) => pieces.join("")))

/** The same pieces, many more of them. */
const longHeaderish = Arbitrary.array(headerishPiece, { minLength: 100, maxLength: 400 }).pipe(
  Arbitrary.map((pieces) => pieces.join(""))
)

/** Header-like text with blanks but no line breaks or controls: what a server folds. */
const unfolded = Arbitrary.array(
  Arbitrary.schema(
    Schema.Literals(["Bearer", "realm", "error", "abc", " ", "\t", "  ", ",", "=", "==", "\"", "\\", "x"])
  ),
  { maxLength: 24 }
).pipe(Arbitrary.map((pieces) => pieces.join("")))

describe("WwwAuthenticate", () => {
  describe("parse", () => {
    for (const vector of parseVectors) {
      it(`${vector.name} (${vector.source})`, () => {
        assert.deepStrictEqual(WwwAuthenticate.parse(vector.header), vector.expected)
      })
    }

    it("9110-02: several field lines read as their combination with \", \"", () => {
      for (const vector of multiLineVectors) {
        assert.deepStrictEqual(WwwAuthenticate.parse(vector.lines), vector.expected, vector.name)
        assert.deepStrictEqual(WwwAuthenticate.parse(vector.lines.join(", ")), vector.expected, vector.name)
      }
    })

    it("9110-03: a scheme may have no parameters: `Bearer, DPoP algs=\"ES256\"` is two challenges", () => {
      assert.deepStrictEqual(WwwAuthenticate.parse(`Bearer, DPoP algs="ES256"`).map((c) => c.scheme), [
        "Bearer",
        "DPoP"
      ])
      assert.deepStrictEqual(WwwAuthenticate.parse("Bearer, DPoP, Basic").map((c) => c.scheme), [
        "Bearer",
        "DPoP",
        "Basic"
      ])
    })

    it("9110-04: a value sent as a token and as a quoted-string is the same value", () => {
      const forms = [`Bearer max_age=5`, `Bearer max_age="5"`, `Bearer MAX_AGE = 5`, `Bearer Max_Age = "5"`]
      for (const form of forms) {
        assert.deepStrictEqual(WwwAuthenticate.parse(form), [{ scheme: "Bearer", params: { max_age: "5" } }], form)
      }
    })

    it("9110-04: a name repeated within one challenge keeps its first value; across challenges each keeps its own", () => {
      const [bearer, dpop] = WwwAuthenticate.parse(`Bearer error="a", Error="b", DPoP error="c"`)
      assert.deepStrictEqual([bearer?.params, dpop?.params], [{ error: "a" }, { error: "c" }])
    })

    it("9110-04: the first occurrence wins however the name repeats (RFC 9110 §11.2: at most once per challenge)", () => {
      const cases: ReadonlyArray<readonly [string, string]> = [
        [`Bearer error="first", error="second"`, "after a comma"],
        [`Bearer error="first", ERROR="second"`, "in another case"],
        [`Bearer error=first, error="second"`, "a token, then a quoted-string"],
        [`Bearer error="first",, , error="second"`, "after empty list elements"],
        [`Bearer error="first" error="second"`, "after an inferred comma"],
        [`Bearer error="first"error=second`, "right after a closing quote"],
        [`Bearer realm="x", error="first", scope="s", error="second", error="third"`, "three times, apart"]
      ]
      for (const [header, how] of cases) {
        assert.strictEqual(WwwAuthenticate.parse(header)[0]?.params["error"], "first", how)
      }
      assert.deepStrictEqual(WwwAuthenticate.parse(`Bearer error="", error="invalid_token"`)[0]?.params, {
        error: ""
      }, "an empty first value still wins")
      assert.deepStrictEqual(WwwAuthenticate.parse(`Basic realm="a" Bearer realm="b" realm="c"`), [
        { scheme: "Basic", params: { realm: "a" } },
        { scheme: "Bearer", params: { realm: "b" } }
      ], "a challenge found by an inferred comma keeps its own names")
    })

    it("9110-05: `Bearer error=` is a token68 challenge, not an `error` parameter", () => {
      const [challenge] = WwwAuthenticate.parse("Bearer error=")
      assert.strictEqual(challenge?.token68, "error=")
      assert.isUndefined(challenge?.params["error"])
      // with a value it is a parameter, whitespace after = included (BWS)
      assert.deepStrictEqual(WwwAuthenticate.parse("Bearer error= invalid_token")[0]?.params, {
        error: "invalid_token"
      })
    })

    it("9110-06: `error_description=\"The token was \\\"tampered\\\"\"` decodes to `The token was \"tampered\"`", () => {
      const header = `Bearer error_description="The token was \\"tampered\\""`
      const [challenge] = WwwAuthenticate.parse(header)
      assert.strictEqual(challenge?.params["error_description"], `The token was "tampered"`)
      // and encoding it back yields the same bytes
      assert.strictEqual(WwwAuthenticate.format([challenge!]), header)
    })

    it("9110-09: empty list elements, leading and trailing commas are ignored", () => {
      const expected = [{ scheme: "Bearer", params: { realm: "a" } }, { scheme: "Basic", params: {} }]
      for (
        const header of [`Bearer realm="a", Basic`, `, ,Bearer realm="a",, ,Basic, ,`, `,Bearer realm="a",,,Basic`]
      ) {
        assert.deepStrictEqual(WwwAuthenticate.parse(header), expected, header)
      }
    })

    it("9110-10: extra whitespace around = and commas and no space after commas decode alike", () => {
      const expected = [{ scheme: "Bearer", params: { realm: "Service", error: "x" } }]
      for (
        const header of [
          `Bearer realm="Service", error="x"`,
          `Bearer realm="Service",error="x"`,
          `Bearer realm = "Service" ,  error =  "x"  `,
          `Bearer\trealm\t=\t"Service"\t,\terror="x"`
        ]
      ) {
        assert.deepStrictEqual(WwwAuthenticate.parse(header), expected, header)
      }
    })

    it("9110-11: what the origin sent is kept, not normalised: scheme case, unknown params, spaces in values", () => {
      const header = `BeArEr Realm="  padded  ", Claims="{\\"id_token\\":{}}", X-Vendor=42`
      assert.deepStrictEqual(WwwAuthenticate.parse(header), [{
        scheme: "BeArEr",
        params: { realm: "  padded  ", claims: `{"id_token":{}}`, "x-vendor": "42" }
      }])
    })

    it("6750-02: auth-params other than RFC 6750's are kept", () => {
      const header = `Bearer realm="api", error="insufficient_user_authentication", acr_values="urn:a urn:b", ` +
        `max_age="60", authorization_uri="https://as.example/authorize", claims="{}", ` +
        `resource_metadata="https://rs.example/.well-known/oauth-protected-resource", DPoP algs="ES256 PS256"`
      const [bearer, dpop] = WwwAuthenticate.parse(header)
      assert.deepStrictEqual(Object.keys(bearer?.params ?? {}), [
        "realm",
        "error",
        "acr_values",
        "max_age",
        "authorization_uri",
        "claims",
        "resource_metadata"
      ])
      assert.strictEqual(dpop?.params["algs"], "ES256 PS256")
    })

    it("keeps `__proto__` and `constructor` as parameters, never touching a prototype", () => {
      const [challenge] = WwwAuthenticate.parse(`Bearer __proto__="x", constructor="y", toString="z"`)
      assert.deepStrictEqual(Object.keys(challenge!.params), ["__proto__", "constructor", "tostring"])
      assert.strictEqual(Object.getPrototypeOf(challenge!.params), Object.prototype)
      assert.strictEqual(challenge!.params["__proto__"], "x")
    })

    it("every vector's challenges satisfy Challenge.Challenge", () => {
      for (const vector of parseVectors) {
        for (const challenge of WwwAuthenticate.parse(vector.header)) {
          assert.isTrue(isChallenge(challenge), `${vector.name}: ${JSON.stringify(challenge)}`)
        }
      }
    })

    it.prop("never throws on arbitrary text, and gives valid challenges", { text: Schema.String }, ({ text }) => {
      for (const challenge of WwwAuthenticate.parse(text)) assert.isTrue(isChallenge(challenge), JSON.stringify(text))
    }, { arbitrary: { runs: 500 } })

    it.prop("a field folded at any of its blanks reads as that field with one space there (RFC 9112 §5.2)", {
      text: unfolded
    }, ({ text }) => {
      const folded = text.replace(/[ \t]+/g, (blanks) => blanks.length % 2 === 0 ? "\r\n\t" : " \r\n ")
      assert.deepStrictEqual(WwwAuthenticate.parse(folded), WwwAuthenticate.parse(text.replace(/[ \t]+/g, " ")))
    }, { arbitrary: { runs: 1000 } })

    it.prop(
      "never throws on long header-like garbage, and gives valid challenges",
      { text: longHeaderish },
      ({ text }) => {
        for (const challenge of WwwAuthenticate.parse(text)) assert.isTrue(isChallenge(challenge), JSON.stringify(text))
      },
      { arbitrary: { runs: 200 } }
    )

    /*
     * It runs on every 401, on a field a server (or anyone between) chose: a parser that backtracks or rescans would
     * let one response burn seconds. Each field is 10 KB, then ten times longer; linear time takes ~10x as long,
     * quadratic ~100x. The bound, 30x, sits between the two on a log scale: ~3x of room for noise either way. Time is
     * this thread's CPU time, so other processes on a busy machine do not count; each is the least of a few rounds,
     * the two sizes alternated, after a warm-up.
     */
    it("parses 100 KB pathological fields in linear time: 10x the input takes under 30x the time", () => {
      const pathological: ReadonlyArray<readonly [string, (size: number) => string]> = [
        ["params separated by spaces", (size) => "Bearer " + "a=b ".repeat(size / 4)],
        ["quoted params with no space between", (size) => "Bearer " + `a="b"`.repeat(size / 5)],
        ["an unquoted value of many words", (size) => "Bearer x=" + "w ".repeat(size / 2)],
        ["words that each look ahead for `scheme name=`", (size) => "Bearer x=a " + "b ".repeat(size / 2) + "c=d"],
        ["challenges inferred without commas", (size) => "a b=c ".repeat(size / 6)],
        ["long blank runs between words", (size) => ("Bearer x=a" + " ".repeat(50) + "b,").repeat(size / 62)],
        ["an unterminated quoted-string of escapes", (size) => `Bearer realm="` + `\\"`.repeat(size / 2)],
        ["folds", (size) => `Bearer x="` + "\r\n ".repeat(size / 3)],
        ["lone line breaks", (size) => "x\r".repeat(size / 2)],
        ["empty list elements", (size) => ",".repeat(size)],
        ["challenges", (size) => "a, ".repeat(size / 3)],
        ["params after empty elements", (size) => "Scheme , ".repeat(size / 9)],
        ["padding", (size) => "Bearer a" + "=".repeat(size)],
        ["token68 challenges", (size) => "N abc==, ".repeat(size / 9)]
      ]
      const cpuMillis = (): number => {
        const { system, user } = typeof process.threadCpuUsage === "function"
          ? process.threadCpuUsage()
          : process.cpuUsage()
        return (user + system) / 1000
      }
      const time = (field: string): number => {
        let calls = 0
        const start = cpuMillis()
        let now = start
        do {
          WwwAuthenticate.parse(field)
          calls++
          now = cpuMillis()
        } while (now - start < 20)
        return (now - start) / calls
      }
      for (const [name, make] of pathological) {
        const small = make(10_000)
        const large = make(100_000)
        time(small)
        let fastestSmall = Infinity
        let fastestLarge = Infinity
        for (let round = 0; round < 3; round++) {
          fastestSmall = Math.min(fastestSmall, time(small))
          fastestLarge = Math.min(fastestLarge, time(large))
        }
        assert.isBelow(fastestLarge / fastestSmall, 30, name)
      }
    })

    it.prop("never throws on header-like garbage, and gives valid challenges", { text: headerish }, ({ text }) => {
      const challenges = WwwAuthenticate.parse(text)
      for (const challenge of challenges) assert.isTrue(isChallenge(challenge), JSON.stringify(text))
      // several lines read as their combination
      assert.deepStrictEqual(WwwAuthenticate.parse([text, text]), WwwAuthenticate.parse(`${text}, ${text}`))
    }, { arbitrary: { runs: 1000 } })
  })

  describe("format", () => {
    for (const vector of formatVectors) {
      it(`${vector.name} (${vector.source})`, () => {
        assert.strictEqual(WwwAuthenticate.format(vector.challenges), vector.expected)
      })
    }

    for (const vector of injectionVectors) {
      it(`never outputs CR or LF: ${vector.name} (RFC 9110 §5.5)`, () => {
        const field = WwwAuthenticate.format(vector.challenges)
        assert.strictEqual(field, vector.expected)
        assert.notMatch(field, /[\r\n]/)
      })
    }

    it("9110-06: quote escapes only \" and \\, and never outputs CR or LF", () => {
      const cases: ReadonlyArray<readonly [string, string]> = [
        ["plain", `"plain"`],
        ["", `""`],
        [`say "hi"`, `"say \\"hi\\""`],
        ["C:\\path", `"C:\\\\path"`],
        ["tab\tand 'single' kept", `"tab\tand 'single' kept"`],
        ["two\r\n\r\nlines", `"two lines"`],
        ["caf\u00E9 \u2603", `"caf\u00E9 ?"`]
      ]
      for (const [value, expected] of cases) assert.strictEqual(WwwAuthenticate.quote(value), expected, value)
    })

    it("9110-08: realm is always a quoted-string", () => {
      for (const realm of ["", "api", "my realm", "a\"b"]) {
        const field = WwwAuthenticate.format([{ scheme: "Bearer", params: { realm } }])
        assert.match(field, /^Bearer realm="/)
        assert.deepStrictEqual(WwwAuthenticate.parse(field), [{ scheme: "Bearer", params: { realm } }])
      }
    })

    it.prop("quote never outputs CR or LF, and its quoted-string reads back", { value: Schema.String }, ({ value }) => {
      const quoted = WwwAuthenticate.quote(value)
      assert.notMatch(quoted, /[\r\n]/)
      const [challenge] = WwwAuthenticate.parse(`Bearer v=${quoted}`)
      assert.match(challenge?.params["v"] ?? "", /^[\t\x20-\x7E\x80-\xFF]*$/)
      if (/^[\t\x20-\x7E\x80-\xFF]*$/.test(value)) assert.strictEqual(challenge?.params["v"], value)
    }, { arbitrary: { runs: 500 } })
  })

  describe("round trip", () => {
    it("format(parse(x)) is stable: parsing it again gives the same challenges and the same text", () => {
      for (const vector of [...parseVectors, ...multiLineVectors.map((v) => ({ ...v, header: v.lines }))]) {
        const challenges = WwwAuthenticate.parse(vector.header)
        const field = WwwAuthenticate.format(challenges)
        assert.deepStrictEqual(WwwAuthenticate.parse(field), challenges, vector.name)
        assert.strictEqual(WwwAuthenticate.format(WwwAuthenticate.parse(field)), field, vector.name)
      }
    })

    /*
     * The precise property. `format` writes a challenge's token68 when it has one and its params otherwise, since
     * RFC 9110 §11.3 has no syntax for both; `parse` gives back exactly what was written. So for every challenge `c`
     * of the schema: `parse(format([c]))` is `[c]` when `c` has no token68 or no params, and `[c]` without its params
     * when it has both. Names, values (quotes, backslashes, tabs, Latin-1 included), the scheme's case and the
     * params' order all survive.
     */
    it.prop("parse(format([c])) gives back c, params dropped when a token68 is present", {
      challenge: Challenge.Challenge
    }, ({ challenge }) => {
      const parsed = WwwAuthenticate.parse(WwwAuthenticate.format([challenge]))
      assert.deepStrictEqual(parsed, [formattable(challenge)])
      if (challenge.token68 === undefined || Object.keys(challenge.params).length === 0) {
        assert.deepStrictEqual(parsed, [challenge])
        assert.deepStrictEqual(Object.keys(parsed[0]!.params), Object.keys(challenge.params))
      }
    }, { arbitrary: { runs: 300 } })

    it.prop("parse(format(cs)) gives back a list of challenges", {
      challenges: Schema.Array(Challenge.Challenge)
    }, ({ challenges }) => {
      assert.deepStrictEqual(
        WwwAuthenticate.parse(WwwAuthenticate.format(challenges)),
        challenges.map(formattable)
      )
    }, { arbitrary: { runs: 200 } })

    it.prop("format(parse(x)) is a fixed point for arbitrary header-like text", { text: headerish }, ({ text }) => {
      const challenges = WwwAuthenticate.parse(text)
      const field = WwwAuthenticate.format(challenges)
      assert.notMatch(field, /[\r\n]/)
      assert.deepStrictEqual(WwwAuthenticate.parse(field), challenges)
    }, { arbitrary: { runs: 1000 } })
  })

  describe("find", () => {
    const challenges = WwwAuthenticate.parse(`Basic realm="a", bearer realm="b", Bearer realm="c", DPoP algs="ES256"`)
    const cases: ReadonlyArray<readonly [string, string | undefined]> = [
      ["Bearer", "b"],
      ["BEARER", "b"],
      ["basic", "a"],
      ["dpop", undefined],
      ["Digest", undefined]
    ]
    for (const [scheme, realm] of cases) {
      it(`9110-03: finds the first ${scheme} challenge case-insensitively (RFC 9110 §11.1)`, () => {
        const found = WwwAuthenticate.find(challenges, scheme)
        if (scheme === "Digest") assert.isUndefined(found)
        else assert.strictEqual(found?.scheme.toLowerCase(), scheme.toLowerCase())
        assert.strictEqual(found?.params["realm"], realm)
      })
    }
  })
})
