/**
 * Bring conversations in: a file (picked or dropped; sent to POST /api/v1/imports, which reads
 * whole exports and reports each conversation) or pasted JSON (POST /api/v1/conversations, or
 * the file import when the paste is a whole export). The outcome lists what was imported and
 * what was skipped, with the reason.
 */
import type { ImportReport } from '@chatshare/client';
import { useId, useState, type DragEvent } from 'react';
import { attempt, client, type Failure } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { useI18n } from '../i18n/index.js';
import { Link } from '../router.js';

interface Outcome {
  /** The file's name, or null for pasted text. */
  source: string | null;
  report?: ImportReport;
  error?: Failure;
}

/** A pasted export of several conversations is an array of conversation objects, not of messages. */
function isWholeExport(parsed: unknown): boolean {
  return (
    Array.isArray(parsed) &&
    parsed.length > 0 &&
    parsed.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item) && !('role' in item))
  );
}

async function importText(text: string): Promise<ImportReport> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined; // Maybe JSON Lines: the server reads those.
  }
  if (isWholeExport(parsed)) {
    return client.imports.upload(new Blob([text], { type: 'application/json' }), { filename: 'pasted.json' });
  }
  const conversation = await client.conversations.createFromText(text);
  return {
    format: conversation.source.format,
    imported: [{ index: 0, id: conversation.id, title: conversation.title, messageCount: conversation.messageCount }],
    skipped: [],
  };
}

export function ImportPanel({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const ids = { file: useId(), paste: useId(), heading: useId() };
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [pasted, setPasted] = useState('');
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);

  const run = async (jobs: { source: string | null; call: () => Promise<ImportReport> }[]) => {
    if (busy || jobs.length === 0) return;
    setBusy(true);
    const results: Outcome[] = [];
    for (const job of jobs) {
      const result = await attempt(job.call);
      results.push(
        result.ok ? { source: job.source, report: result.value } : { source: job.source, error: result.error },
      );
    }
    setBusy(false);
    setOutcomes(results);
    if (results.some((outcome) => (outcome.report?.imported.length ?? 0) > 0)) onImported();
    return results;
  };

  const importFiles = (files: FileList | null) =>
    run([...(files ?? [])].map((file) => ({ source: file.name, call: () => client.imports.upload(file) })));

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
            onChange={async (event) => {
              const input = event.currentTarget;
              await importFiles(input.files);
              input.value = '';
            }}
          />
          <p className="app-hint">{t('import.drop')}</p>
        </div>
        <form
          className="app-paste"
          onSubmit={async (event) => {
            event.preventDefault();
            const text = pasted.trim();
            if (!text) return;
            const results = await run([{ source: null, call: () => importText(text) }]);
            if (results?.[0]?.report) setPasted('');
          }}
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
        {!busy ? outcomes.map((outcome, index) => <ImportResult key={index} outcome={outcome} />) : null}
      </div>
    </section>
  );
}

function ImportResult({ outcome }: { outcome: Outcome }) {
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
  return (
    <div className="app-import-result">
      <h3>{name}</h3>
      <p className="app-success">
        {t('import.summary', { imported: report.imported.length, skipped: report.skipped.length })}
      </p>
      {report.imported.length > 0 ? (
        <ul className="app-import-list" aria-label={t('import.importedLabel')}>
          {report.imported.map((item) => (
            <li key={item.id}>
              <span className="app-badge app-badge-ok">{t('import.imported')}</span>{' '}
              <Link to={`/conversations/${encodeURIComponent(item.id)}`}>
                {item.title || t('conversations.untitled')}
              </Link>{' '}
              <span className="app-muted">({t('conversations.messages', { count: item.messageCount })})</span>
            </li>
          ))}
        </ul>
      ) : null}
      {report.skipped.length > 0 ? (
        <ul className="app-import-list" aria-label={t('import.skippedLabel')}>
          {report.skipped.map((item) => (
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
