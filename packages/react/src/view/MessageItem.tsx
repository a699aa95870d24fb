/** One message: who wrote it, then its parts. */
import { PartView } from './PartView.js';
import type { PreparedMessage } from './prepare.js';
import type { Translate } from './strings.js';

export function MessageItem({ prepared, t }: { prepared: PreparedMessage; t: Translate }) {
  const { message, parts } = prepared;
  const role = t(`view.role.${message.role}`);
  return (
    // The prefix keeps ids from data away from the page's own ids.
    <li className={`cs-message cs-message-${message.role}`} id={`cs-m-${message.id}`}>
      <div className="cs-message-head">
        <span className="cs-author">{message.author || role}</span>
        {message.author ? <span className="cs-role">{role}</span> : null}
        {message.model ? <span className="cs-model">{message.model}</span> : null}
      </div>
      <div className="cs-message-body">
        {parts.map((part, index) => (
          <PartView key={index} prepared={part} t={t} />
        ))}
        {message.status === 'incomplete' ? <p className="cs-incomplete">{t('view.incomplete')}</p> : null}
      </div>
    </li>
  );
}
