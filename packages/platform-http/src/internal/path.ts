/**
 * The path of a request URL, without its query or fragment.
 *
 * @internal
 */
export const pathOnly = (url: string): string => {
  const end = url.search(/[?#]/)
  return end === -1 ? url : url.slice(0, end)
}

/**
 * A path a route matcher can decode: one whose percent-escapes do not decode
 * (`/oauth/%`, `/oauth/token%`, a cut UTF-8 sequence) has every `%` escaped,
 * so that it is matched as the text it is, under the same prefix, instead of
 * matching nothing.
 *
 * @internal
 */
export const decodablePath = (path: string): string => {
  if (!path.includes("%")) return path
  try {
    decodeURIComponent(path)
    return path
  } catch {
    return path.replaceAll("%", "%25")
  }
}
