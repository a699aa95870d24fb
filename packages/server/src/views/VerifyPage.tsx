/**
 * The page the link in the verification mail opens: the address is confirmed, or the link is
 * invalid or expired. A gate-style card in the same frame and stylesheet as the share pages.
 */
import type { Translate } from '@chatshare/react';
import { Frame } from './Frame.js';
import { GateMessage } from './GateMessage.js';

export type VerifyResult = 'confirmed' | 'invalid';

export const verifyTitle = (result: VerifyResult, t: Translate) =>
  t(result === 'confirmed' ? 'verify.confirmed.title' : 'verify.invalid.title');

export function VerifyPage({ result, t }: { result: VerifyResult; t: Translate }) {
  return (
    <Frame t={t}>
      <section className={`gate gate-email-${result}`}>
        <span className="gate-icon" aria-hidden="true" />
        <h1>{verifyTitle(result, t)}</h1>
        <GateMessage
          body={t(result === 'confirmed' ? 'verify.confirmed.body' : 'verify.invalid.body')}
          action={{ href: '/app/', label: t('verify.continue') }}
        />
      </section>
    </Frame>
  );
}
