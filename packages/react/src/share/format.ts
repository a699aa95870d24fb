/** Dates in the dialog, in the reader's language and own time zone (unlike the server page). */
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  } catch {
    // An unknown language tag: fall back to the runtime's default rather than failing to render.
    return date.toLocaleString();
  }
}
