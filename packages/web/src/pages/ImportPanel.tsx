/**
 * Bring conversations in: a file (picked or dropped; sent to POST /api/v1/imports, which reads
 * whole exports and reports each conversation) or pasted JSON (POST /api/v1/conversations, or
 * the file import when the paste is a whole export). The outcome lists what was imported and
 * what was skipped, with the reason. Conversations imported before are not stored again: the
 * outcome lists them as already imported, and offers to update the ones that changed at the
 * source since (the same file again, with `onDuplicate: 'update'`).
 */
import { isChatshareError, type ImportReport, type OnDuplicate } from '@chatshare/client';
import { useId, useState, type DragEvent } from 'react';
import { attempt, client, type Failure } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { countsText } from '../conversation-counts.js';
import { useI18n } from '../i18n/index.js';
import { Link } from '../router.js';

/** Runs an import; `previous` is the report of the same input, when it is run again. */
type Call = (onDuplicate: OnDuplicate, previous?: ImportReport) => Promise<ImportReport>;

interface Outcome {
  /** The file's name, or null for pasted text. */
  source: string | null;
  report?: ImportReport;
  error?: Failure;
  /** The same import again, for "update the changed ones". */
  call: Call;
}

/** A pasted export of several conversations is an array of conversation objects, not of messages. */
function isWholeExport(parsed: unknown): boolean {
  return (
    Array.isArray(parsed) &&
    parsed.length > 0 &&
    parsed.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item) && !('role' in item))
  );
}

async function importText(text: string, onDuplicate: OnDuplicate, previous?: ImportReport): Promise<ImportReport> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined; // Maybe JSON Lines: the server reads those.
  }
  if (isWholeExport(parsed)) {
    return client.imports.upload(new Blob([text], { type: 'application/json' }), {
      filename: 'pasted.json',
      onDuplicate,
    });
  }
  // One conversation: the route answers a duplicate with an error, reported here like the file import does.
  const empty: ImportReport = { format: null, imported: [], updated: [], skipped: [] };
  try {
    const conversation = await client.conversations.createFromText(text, { onDuplicate });
    const { id, title, messageCount, branchCount } = conversation;
    // Run again to update: the answer is the conversation the first run found changed.
    const updated = previous?.skipped.some((item) => item.conversationId === id) ?? false;
    const item = { index: 0, id, title, messageCount, branchCount };
    return { ...empty, format: conversation.source.format, ...(updated ? { updated: [item] } : { imported: [item] }) };
  } catch (error) {
    const conversationId = duplicateOf(error);
    if (!conversationId || !isChatshareError(error)) throw error;
    const code = error.code === 'already_imported' ? 'already_imported' : 'changed_since_import';
    return { ...empty, skipped: [{ index: 0, path: '', reason: error.message, code, conversationId }] };
  }
}

/** The stored conversation of an `already_imported` or `changed_since_import` answer. */
function duplicateOf(error: unknown): string | undefined {
  if (!isChatshareError(error) || (error.code !== 'already_imported' && error.code !== 'changed_since_import')) {
    return undefined;
  }
  const details = error.details as { conversationId?: unknown } | undefined;
  return typeof details?.conversationId === 'string' ? details.conversationId : undefined;
}

export function ImportPanel({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const ids = { file: useId(), paste: useId(), heading: useId() };
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [pasted, setPasted] = useState('');
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);

  const runOne = async (
    job: { source: string | null; call: Call },
    onDuplicate: OnDuplicate,
    previous?: ImportReport,
  ): Promise<Outcome> => {
    const result = await attempt(() => job.call(onDuplicate, previous));
    const { source, call } = job;
    return result.ok ? { source, call, report: result.value } : { source, call, error: result.error };
  };
  const changedSomething = (results: Outcome[]) =>
    results.some((outcome) => (outcome.report?.imported.length ?? 0) + (outcome.report?.updated.length ?? 0) > 0);

  const run = async (jobs: { source: string | null; call: Call }[]) => {
    if (busy || jobs.length === 0) return;
    setBusy(true);
    const results: Outcome[] = [];
    for (const job of jobs) results.push(await runOne(job, 'skip'));
    setBusy(false);
    setOutcomes(results);
    if (changedSomething(results)) onImported();
    return results;
  };

  /** Imports one outcome's input again, replacing the conversations that changed at the source. */
  const update = async (at: number) => {
    const outcome = outcomes[at];
    if (busy || !outcome) return;
    setBusy(true);
    const result = await runOne(outcome, 'update', outcome.report);
    setBusy(false);
    setOutcomes((current) => current.map((item, index) => (index === at ? result : item)));
    if (changedSomething([result])) onImported();
  };

  const importFiles = (files: FileList | null) =>
    run(
      [...(files ?? [])].map((file) => ({
        source: file.name,
        call: (onDuplicate: OnDuplicate) => client.imports.upload(file, { onDuplicate }),
      })),
    );

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void importFiles(event.dataTransfer.files);
  };

  return (
    <section className="app-card app-import" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t('import.title')}</h2>
      <p className="app-hint">{t('import.formats')}</p>
      <div className="app-import-grid">
        <div
          className={`app-dropzone${dragging ? ' app-dropzone-active' : ''}`}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <label htmlFor={ids.file}>{t('import.file')}</label>
          <input
            id={ids.file}
            type="file"
            accept=".json,.jsonl,.ndjson,application/json"
            multiple
            onChange={(event) =>
              void (async () => {
                const input = event.currentTarget;
                await importFiles(input.files);
                input.value = '';
              })()
            }
          />
          <p className="app-hint">{t('import.drop')}</p>
        </div>
        <form
          className="app-paste"
          onSubmit={(event) =>
            void (async () => {
              event.preventDefault();
              const text = pasted.trim();
              if (!text) return;
              const results = await run([
                { source: null, call: (onDuplicate, previous) => importText(text, onDuplicate, previous) },
              ]);
              if (results?.[0]?.report) setPasted('');
            })()
          }
        >
          <label htmlFor={ids.paste}>{t('import.paste')}</label>
          <textarea
            id={ids.paste}
            rows={4}
            spellCheck={false}
            value={pasted}
            placeholder='[{"role": "user", "content": "…"}, …]'
            onChange={(event) => setPasted(event.target.value)}
          />
          <button type="submit" className="app-button" aria-disabled={busy || !pasted.trim() || undefined}>
            {t('import.pasteSubmit')}
          </button>
        </form>
      </div>
      <div className="app-import-results" aria-live="polite">
        {busy ? <p role="status">{t('import.working')}</p> : null}
        {!busy
          ? outcomes.map((outcome, index) => (
              <ImportResult key={index} outcome={outcome} onUpdate={() => void update(index)} />
            ))
          : null}
      </div>
    </section>
  );
}

function ImportResult({ outcome, onUpdate }: { outcome: Outcome; onUpdate: () => void }) {
  const { t } = useI18n();
  const name = outcome.source ?? t('import.pastedSource');
  if (outcome.error) {
    return (
      <div className="app-import-result">
        <h3>{name}</h3>
        <ErrorMessage error={outcome.error} />
      </div>
    );
  }
  const report = outcome.report!;
  const before = report.skipped.filter((item) => item.code && item.conversationId);
  const unreadable = report.skipped.filter((item) => !(item.code && item.conversationId));
  const changed = before.filter((item) => item.code === 'changed_since_import').length;
  const stored = (items: ImportReport['imported'], label: string, badge: string) =>
    items.length > 0 ? (
      <ul className="app-import-list" aria-label={label}>
        {items.map((item) => (
          <li key={item.id}>
            <span className="app-badge app-badge-ok">{badge}</span>{' '}
            <Link to={`/conversations/${encodeURIComponent(item.id)}`}>
              {item.title || t('conversations.untitled')}
            </Link>{' '}
            <span className="app-muted">({countsText(t, item)})</span>
          </li>
        ))}
      </ul>
    ) : null;
  return (
    <div className="app-import-result">
      <h3>{name}</h3>
      <p className="app-success">
        {t('import.summary', { imported: report.imported.length, skipped: unreadable.length })}
        {report.updated.length > 0 ? <> {t('import.summaryUpdated', { count: report.updated.length })}</> : null}
        {before.length > 0 ? <> {t('import.summaryBefore', { count: before.length })}</> : null}
      </p>
      {stored(report.imported, t('import.importedLabel'), t('import.imported'))}
      {stored(report.updated, t('import.updatedLabel'), t('import.updated'))}
      {before.length > 0 ? (
        <ul className="app-import-list" aria-label={t('import.beforeLabel')}>
          {before.map((item) => (
            <li key={`${item.index}-${item.conversationId}`}>
              <span className="app-badge app-badge-warn">
                {t(item.code === 'changed_since_import' ? 'import.changed' : 'import.already')}
              </span>{' '}
              <Link to={`/conversations/${encodeURIComponent(item.conversationId!)}`}>
                {item.title || t('import.position', { index: item.index + 1 })}
              </Link>
              {': '}
              {t(item.code === 'changed_since_import' ? 'import.changedReason' : 'import.alreadyReason')}
            </li>
          ))}
        </ul>
      ) : null}
      {changed > 0 ? (
        <p>
          <button type="button" className="app-button" onClick={onUpdate}>
            {t('import.updateChanged', { count: changed })}
          </button>
        </p>
      ) : null}
      {unreadable.length > 0 ? (
        <ul className="app-import-list" aria-label={t('import.skippedLabel')}>
          {unreadable.map((item) => (
            <li key={`${item.index}-${item.path}`}>
              <span className="app-badge app-badge-warn">{t('import.skipped')}</span>{' '}
              {item.title ? <strong>{item.title}</strong> : t('import.position', { index: item.index + 1 })}:{' '}
              {item.reason} <code className="app-muted">{item.path}</code>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
