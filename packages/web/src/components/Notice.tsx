/** Where a finished action says so; always rendered, so screen readers announce each new text. */
export function Notice({ text }: { text: string }) {
  return (
    <p role="status" className="app-success">
      {text}
    </p>
  );
}
