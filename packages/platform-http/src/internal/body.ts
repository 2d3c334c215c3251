import { type Context, Effect, Inspectable, Stream } from "effect"
import { HttpClientResponse, HttpIncomingMessage } from "effect/http"
import { pipeArguments } from "effect/Pipeable"

/**
 * What reading a body up to a limit got: the bytes, as the application sees
 * them (decompressed), and whether that was the whole body.
 *
 * @internal
 */
export interface Read {
  readonly bytes: Uint8Array
  readonly complete: boolean
}

/**
 * Reads a response body, decompressed, counting bytes as they come: at most
 * `limit + 1` bytes are kept — so that a body over the limit is seen to be —
 * and the read stops there, cancelling the rest of the body, which releases
 * the connection. Never fails: a read that breaks keeps what came before.
 *
 * The limit holds on decompressed bytes whatever `Content-Encoding` says: a
 * body the client already decoded (fetch does) is counted as it is; one that
 * is still gzip or zlib (Node's client leaves it) is decompressed here, with
 * the runtime's `DecompressionStream`, and its output counted — a gzip bomb
 * never gets further than the limit.
 *
 * A body whose length is declared, within the limit and not encoded is read
 * whole, through the response's own reader (HTTP framing holds it to that
 * length).
 *
 * @internal
 */
export const readBounded = (response: HttpClientResponse.HttpClientResponse, limit: number): Effect.Effect<Read> => {
  const declared = declaredLength(response)
  if (declared !== undefined && declared <= limit && codingOf(response) === undefined) {
    return Effect.orElseSucceed(
      Effect.map(response.arrayBuffer, (buffer): Read => ({ bytes: new Uint8Array(buffer), complete: true })),
      (): Read => ({ bytes: new Uint8Array(0), complete: true })
    )
  }
  return Effect.flatMap(
    Effect.context<never>(),
    (context) =>
      Effect.promise((signal) => collect(decoded(webBody(response, context), codingOf(response)), limit, signal))
  )
}

/**
 * Reads the start of a body, up to `limit` bytes as they arrive, without
 * losing the rest: the response given back is the same response — status,
 * headers, cookies — with the whole body (the bytes read, then what was
 * not), unchanged, decompressed or not as it was. The bytes read are given
 * (decompressed) only when they were the whole body.
 *
 * @internal
 */
export const peek = (
  response: HttpClientResponse.HttpClientResponse,
  limit: number
): Effect.Effect<
  { readonly whole: Uint8Array | undefined; readonly response: HttpClientResponse.HttpClientResponse }
> => {
  const declared = declaredLength(response)
  if (declared !== undefined && codingOf(response) === undefined) {
    // the length is known: a body within the limit is read whole by the response's own (cached) reader, one over
    // it is not read at all
    return declared > limit
      ? Effect.succeed({ whole: undefined, response })
      : Effect.map(readBounded(response, limit), (read) => ({ whole: read.bytes, response }))
  }
  return Effect.flatMap(Effect.context<never>(), (context) =>
    Effect.promise(async (signal) => {
      const reader = webBody(response, context).getReader()
      const cancel = () => void reader.cancel().catch(() => undefined)
      signal.addEventListener("abort", cancel, { once: true })
      const chunks: Array<Uint8Array> = []
      let size = 0
      let done = false
      try {
        while (size <= limit) {
          const next = await reader.read()
          if (next.done) {
            done = true
            break
          }
          chunks.push(next.value)
          size += next.value.byteLength
        }
      } catch {
        // a read that broke: the body ends where it broke, as it would have for the caller
        done = true
      } finally {
        signal.removeEventListener("abort", cancel)
      }
      const rest = done ? fromChunks(chunks) : new ReadableStream<Uint8Array>({
        start: (controller) => {
          for (const chunk of chunks) controller.enqueue(chunk)
        },
        pull: async (controller) => {
          const next = await reader.read()
          if (next.done) controller.close()
          else controller.enqueue(next.value)
        },
        cancel: (reason) => reader.cancel(reason)
      }, { highWaterMark: 0 })
      const peeked = new PeekedResponse(response, rest)
      if (!done) return { whole: undefined, response: peeked }
      const whole = await collect(decoded(fromChunks(chunks), codingOf(response)), limit, undefined)
      return { whole: whole.complete ? whole.bytes : undefined, response: peeked }
    }))
}

/** A response whose body was partly read: everything of the response it stands for, and the body put back. */
class PeekedResponse extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpClientResponse.TypeId]: typeof HttpClientResponse.TypeId = HttpClientResponse.TypeId
  readonly [HttpIncomingMessage.TypeId]: typeof HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  readonly original: HttpClientResponse.HttpClientResponse
  /** The body's readers: a Fetch response over the body put back, its content type kept for `formData`. */
  readonly body: HttpClientResponse.HttpClientResponse

  constructor(original: HttpClientResponse.HttpClientResponse, body: ReadableStream<Uint8Array>) {
    super()
    this.original = original
    const contentType = original.headers["content-type"]
    this.body = HttpClientResponse.fromWeb(
      original.request,
      new Response(body, contentType === undefined ? {} : { headers: { "content-type": contentType } })
    )
  }

  get request() {
    return this.original.request
  }
  get url() {
    return this.original.url
  }
  get status() {
    return this.original.status
  }
  get headers() {
    return this.original.headers
  }
  get cookies() {
    return this.original.cookies
  }
  get remoteAddress() {
    return this.original.remoteAddress
  }
  get upgrade() {
    return this.original.upgrade
  }
  get formData() {
    return this.body.formData
  }
  get text() {
    return this.body.text
  }
  get json() {
    return this.body.json
  }
  get urlParamsBody() {
    return this.body.urlParamsBody
  }
  get arrayBuffer() {
    return this.body.arrayBuffer
  }
  get stream() {
    return this.body.stream
  }
  toJSON(): unknown {
    return this.original.toJSON()
  }
  pipe() {
    return pipeArguments(this, arguments)
  }
}

const declaredLength = (response: HttpClientResponse.HttpClientResponse): number | undefined => {
  const header = response.headers["content-length"]
  return header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined
}

type Coding = "gzip" | "deflate"

/** The content coding to undo, when it is one the runtime can (RFC 9110 §8.4.1). */
const codingOf = (response: HttpClientResponse.HttpClientResponse): Coding | undefined => {
  const header = response.headers["content-encoding"]
  if (header === undefined) return undefined
  // the last coding applied is the first to undo; stacked codings are too rare to undo further
  const last = header.split(",").map((coding) => coding.trim().toLowerCase()).filter((coding) => coding !== "").pop()
  return last === "gzip" || last === "x-gzip" ? "gzip" : last === "deflate" ? "deflate" : undefined
}

/** The body as a Web stream: cancelling it interrupts the read, and Effect's client then aborts the request. */
const webBody = (response: HttpClientResponse.HttpClientResponse, context: Context.Context<never>) =>
  Stream.toReadableStreamWith(response.stream, context)

const fromChunks = (chunks: ReadonlyArray<Uint8Array>): ReadableStream<Uint8Array> =>
  new ReadableStream<Uint8Array>({
    start: (controller) => {
      for (const chunk of chunks) controller.enqueue(chunk)
      controller.close()
    }
  })

/**
 * The body decompressed when it still is compressed: fetch decodes a body
 * and keeps the `Content-Encoding` field, so the first bytes tell — a gzip
 * member starts with 1F 8B (RFC 1952 §2.3.1), a zlib stream with a header
 * whose check bits make it a multiple of 31 (RFC 1950 §2.2); JSON, HTML and
 * text do not.
 */
const decoded = async (
  body: ReadableStream<Uint8Array>,
  coding: Coding | undefined
): Promise<ReadableStream<Uint8Array>> => {
  if (coding === undefined || typeof DecompressionStream === "undefined") return body
  const reader = body.getReader()
  const first = await reader.read()
  if (first.done) return fromChunks([])
  const replay = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(first.value),
    pull: async (controller) => {
      const next = await reader.read()
      if (next.done) controller.close()
      else controller.enqueue(next.value)
    },
    cancel: (reason) => reader.cancel(reason)
  }, { highWaterMark: 0 })
  const format = stillCompressed(first.value, coding)
  return format === undefined ? replay : decompress(replay, format)
}

/**
 * A compressed stream decompressed, reading its input only as its output is
 * read. Not `pipeThrough`: Node's `DecompressionStream` takes input through a
 * pipe as fast as it comes, megabytes ahead of its output (a gzip bomb's
 * megabytes are gigabytes once inflated); here each chunk goes in only when
 * the one before was taken, so the input read ahead is what the stream's own
 * queue holds.
 */
const decompress = (input: ReadableStream<Uint8Array>, format: "gzip" | "deflate"): ReadableStream<Uint8Array> => {
  const inflate = new DecompressionStream(format) as unknown as ReadableWritablePair<Uint8Array, Uint8Array>
  const source = input.getReader()
  const sink = inflate.writable.getWriter()
  const output = inflate.readable.getReader()
  let stopped = false
  const pump = async () => {
    try {
      while (!stopped) {
        const next = await source.read()
        if (next.done) return await sink.close()
        await sink.write(next.value)
      }
    } catch (cause) {
      await sink.abort(cause).catch(() => undefined)
    }
  }
  return new ReadableStream<Uint8Array>({
    start: () => void pump(),
    pull: async (controller) => {
      const next = await output.read()
      if (next.done) controller.close()
      else controller.enqueue(next.value)
    },
    cancel: async (reason) => {
      stopped = true
      await Promise.all([source.cancel(reason), output.cancel(reason)]).catch(() => undefined)
    }
  }, { highWaterMark: 0 })
}

const stillCompressed = (start: Uint8Array, coding: Coding): "gzip" | "deflate" | undefined => {
  if (start.byteLength < 2) return undefined
  if (coding === "gzip") return start[0] === 0x1f && start[1] === 0x8b ? "gzip" : undefined
  return (start[0]! & 0x0f) === 8 && ((start[0]! << 8) | start[1]!) % 31 === 0 ? "deflate" : undefined
}

/**
 * Reads a stream until it ends or holds more than `limit` bytes, then cancels
 * it. A stream that fails to open or breaks gives what came before it broke.
 */
const collect = async (
  opening: Promise<ReadableStream<Uint8Array>>,
  limit: number,
  signal: AbortSignal | undefined
): Promise<Read> => {
  const body = await opening.catch(() => undefined)
  if (body === undefined) return { bytes: new Uint8Array(0), complete: false }
  const reader = body.getReader()
  const cancel = () => void reader.cancel().catch(() => undefined)
  signal?.addEventListener("abort", cancel, { once: true })
  const chunks: Array<Uint8Array> = []
  let size = 0
  let complete = false
  try {
    while (size <= limit) {
      const next = await reader.read()
      if (next.done) {
        complete = true
        break
      }
      chunks.push(next.value)
      size += next.value.byteLength
    }
  } catch {
    // a read that broke, or compressed data that does not decompress: what came before is what was read
  } finally {
    signal?.removeEventListener("abort", cancel)
  }
  if (!complete) cancel()
  return { bytes: concat(chunks, Math.min(size, limit + 1)), complete }
}

const concat = (chunks: ReadonlyArray<Uint8Array>, size: number): Uint8Array => {
  if (chunks.length === 1 && chunks[0]!.byteLength === size) return chunks[0]!
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    if (offset >= size) break
    const part = chunk.byteLength <= size - offset ? chunk : chunk.subarray(0, size - offset)
    bytes.set(part, offset)
    offset += part.byteLength
  }
  return bytes
}
