/**
 * The `next` parameter of the sign-in page (share pages send people to
 * `/app/signin?next=/s/…`). Only a path on this site is followed; anything else, such as
 * `//evil.example`, `https://…`, `/\evil` or `javascript:`, falls back to the app.
 */
const hasControl = (text: string) => [...text].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);

export function safeNext(raw: string | null, origin: string): string | null {
  if (!raw || raw.length > 2000) return null;
  // Backslashes and control characters are read as slashes or dropped by URL parsers.
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\') || hasControl(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  return url.pathname + url.search + url.hash;
}
