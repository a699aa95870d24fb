/** A fragment of HTML that the markdown module already made safe. */
export function Html({ html, className = 'cs-md' }: { html: string; className?: string }) {
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
