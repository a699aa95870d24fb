/** Copies a text and says so in place ("Copied"), through the kit's clipboard helper. */
import { copyText } from '@chatshare/react';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/index.js';

export function CopyButton({ text, label, className }: { text: string; label?: string; className?: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <button
      type="button"
      className={className ?? 'app-button'}
      aria-label={label}
      onClick={() => void copyText(text).then((result) => setState(result === 'copied' ? 'copied' : 'failed'))}
    >
      <span aria-live="polite">
        {state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : t('common.copy')}
      </span>
    </button>
  );
}
