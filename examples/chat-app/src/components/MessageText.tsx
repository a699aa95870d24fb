/** A message's markdown as React elements (see src/markdown.ts for the subset). */
import { parseBlocks, parseInline } from '../markdown';

function InlineText({ text }: { text: string }) {
  return (
    <>
      {parseInline(text).map((piece, index) =>
        piece.type === 'strong' ? (
          <strong key={index}>{piece.text}</strong>
        ) : piece.type === 'code' ? (
          <code key={index}>{piece.text}</code>
        ) : (
          <span key={index}>{piece.text}</span>
        ),
      )}
    </>
  );
}

export function MessageText({ text }: { text: string }) {
  return (
    <div className="message-text">
      {parseBlocks(text).map((block, index) => {
        if (block.type === 'code') {
          return (
            <pre key={index} className="code-block" data-language={block.language || undefined}>
              <code>{block.text}</code>
            </pre>
          );
        }
        if (block.type === 'list') {
          return (
            <ul key={index}>
              {block.items.map((item, itemIndex) => (
                <li key={itemIndex}>
                  <InlineText text={item} />
                </li>
              ))}
            </ul>
          );
        }
        return (
          <p key={index}>
            <InlineText text={block.text} />
          </p>
        );
      })}
    </div>
  );
}
