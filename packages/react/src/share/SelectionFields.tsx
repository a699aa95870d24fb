/**
 * "What to share" in the share dialog: the branch (when the conversation has several), the
 * first and last message, and a preview of exactly the messages the link will show.
 * Controlled: the dialog owns the selection. Secrets in excerpts show only masked
 * (`sk-p…6789`), like the findings: the dialog is often on a shared screen.
 */
import { branchesOf, branchExcerpt, branchIndexOf, maskSecrets, messageExcerpt, visibleBranch } from '@chatshare/core';
import { useId, useMemo } from 'react';
import { SelectField } from './Field.js';
import { useShareI18n } from './i18n/index.js';
import { selectedMessages, type ConversationTree, type SelectionState } from './selection.js';

export interface SelectionFieldsProps {
  tree: ConversationTree;
  selection: SelectionState;
  onChange: (selection: SelectionState) => void;
  /** The live link's remembered branch is gone from the conversation: say so. */
  gone?: boolean;
  disabled?: boolean;
}

/** The `to` select's value for "up to the latest message", which grows with updates. */
const LATEST = 'latest';
/** A long choice previews its first and last few messages, so the dialog never grows a scroll of its own. */
const PREVIEW_EDGE = 3;

export function SelectionFields({ tree, selection, onChange, gone, disabled }: SelectionFieldsProps) {
  const { t } = useShareI18n();
  const id = useId();
  const branches = useMemo(() => branchesOf(tree.messages), [tree.messages]);
  const leaf = selection.leafMessageId ?? tree.currentLeafId;
  const branchIndex = branchIndexOf(branches, leaf);
  const currentIndex = branchIndexOf(branches, tree.currentLeafId);
  const visible = useMemo(() => visibleBranch(tree.messages, leaf), [tree.messages, leaf]);
  const chosen = useMemo(() => selectedMessages(tree, selection), [tree, selection]);
  const roleLabel = (role: string) => t(`share.selection.role.${role === 'user' ? 'user' : 'assistant'}`);
  const optionText = (index: number) => {
    const message = visible[index]!;
    return t('share.selection.message', {
      position: index + 1,
      role: roleLabel(message.role),
      excerpt: messageExcerpt(message, 40, maskSecrets) || t('share.selection.noText'),
    });
  };

  if (visible.length === 0) return null;
  const hintId = `${id}-hint`;
  return (
    <fieldset className="cs-fieldset cs-selection" disabled={disabled} aria-describedby={hintId}>
      <legend className="cs-legend">{t('share.selection.legend')}</legend>
      {gone ? (
        <p className="cs-notice cs-notice-warning" role="status">
          {t('share.selection.gone')}
        </p>
      ) : null}
      {branches.length > 1 ? (
        <SelectField
          id={`${id}-branch`}
          label={t('share.selection.branch')}
          value={branchIndex}
          onChange={(value) => {
            const branch = branches[Number(value)];
            if (branch) onChange({ leafMessageId: branch.leafId, start: 0, end: null });
          }}
        >
          {branches.map((branch, index) => (
            <option key={branch.leafId} value={index}>
              {t(index === currentIndex ? 'share.selection.branchCurrent' : 'share.selection.branchOption', {
                index: index + 1,
                count: branches.length,
                excerpt: branchExcerpt(branch, 40, maskSecrets),
              })}
            </option>
          ))}
        </SelectField>
      ) : null}
      <div className="cs-range">
        <SelectField
          id={`${id}-from`}
          label={t('share.selection.from')}
          value={Math.min(selection.start, visible.length - 1)}
          onChange={(value) => {
            const start = Number(value);
            // The last message can never come before the first.
            const end = selection.end !== null && selection.end <= start ? start + 1 : selection.end;
            onChange({ ...selection, start, end });
          }}
        >
          {visible.map((message, index) => (
            <option key={message.id} value={index}>
              {optionText(index)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={`${id}-to`}
          label={t('share.selection.to')}
          value={selection.end === null ? LATEST : String(selection.end)}
          onChange={(value) => onChange({ ...selection, end: value === LATEST ? null : Number(value) })}
        >
          {visible.map((message, index) =>
            index < selection.start ? null : (
              <option key={message.id} value={String(index + 1)}>
                {optionText(index)}
              </option>
            ),
          )}
          <option value={LATEST}>{t('share.selection.latest')}</option>
        </SelectField>
      </div>
      <p className="cs-hint" id={hintId}>
        {selection.end === null ? <span>{t('share.selection.grows')}</span> : null}{' '}
        <span>{t('share.selection.count', { count: chosen.length, total: visible.length })}</span>
      </p>
      <ol className="cs-selection-preview" aria-label={t('share.selection.preview')}>
        {previewRows(chosen.length).map((row) =>
          row.kind === 'gap' ? (
            <li key="gap" className="cs-selection-gap">
              {t('share.selection.more', { count: row.count })}
            </li>
          ) : (
            <li key={chosen[row.index]!.id} value={selection.start + row.index + 1}>
              <span className="cs-selection-role">{roleLabel(chosen[row.index]!.role)}</span>{' '}
              <span className="cs-selection-excerpt">
                {messageExcerpt(chosen[row.index]!, 120, maskSecrets) || t('share.selection.noText')}
              </span>
            </li>
          ),
        )}
      </ol>
    </fieldset>
  );
}

type PreviewRow = { kind: 'message'; index: number } | { kind: 'gap'; count: number };

/** Every message of a short choice; the first and last few of a long one, with the count between. */
export function previewRows(count: number, edge = PREVIEW_EDGE): PreviewRow[] {
  const message = (index: number): PreviewRow => ({ kind: 'message', index });
  if (count <= edge * 2 + 1) return Array.from({ length: count }, (_, index) => message(index));
  return [
    ...Array.from({ length: edge }, (_, index) => message(index)),
    { kind: 'gap', count: count - edge * 2 },
    ...Array.from({ length: edge }, (_, index) => message(count - edge + index)),
  ];
}
