/**
 * A QR code of a link, drawn with text. On a color terminal, qrcode's `terminal` renderer
 * paints black on white with escape codes, so it scans whatever the terminal's theme; anywhere
 * else (a pipe, a file, NO_COLOR) the `utf8` renderer draws dark modules as blocks with no
 * escape codes, as for a page with a light background. qrcode is imported when a code is
 * drawn: every command is one bundle, and `serve` should not load it.
 */
export async function qrBlock(text: string, color: boolean): Promise<string> {
  const { default: QRCode } = await import('qrcode');
  const drawn = color
    ? await QRCode.toString(text, { type: 'terminal', small: true })
    : await QRCode.toString(text, { type: 'utf8', margin: 2 });
  return drawn.replace(/\n+$/, '');
}
