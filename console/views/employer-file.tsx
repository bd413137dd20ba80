/**
 * The employer's D02-LT file (issue #15): upload a CSV or XLSX list, see its preview (every row
 * finding with its line and column, what each declaration would change), then submit the same
 * file. htmx swaps only the outcome inside the form, so the chosen file stays selected and the
 * submit button sends it again with the preview's sha256.
 */
import type { z } from 'zod';
import type { d02PreviewSchema } from '../../domain/schemas-d02';
import type { MessageKey } from '../../messages';
import { formatMoney, formatMonth } from '../../messages/format';
import type { Problem } from '../api';
import { Layout, ProblemBox, type PageContext } from './layout';

export type D02PreviewView = z.infer<typeof d02PreviewSchema>;
export interface D02Done {
  results: { kind: string; personalId: string; effectiveMonth: string; alreadyRecorded: boolean }[];
}

export interface FileOutcomeProps {
  ctx: PageContext;
  preview?: D02PreviewView | undefined;
  done?: D02Done | undefined;
  problem?: Problem | undefined;
}

/** The outcome of an upload: the preview, the declarations recorded, or the refusal. */
export function FileOutcome({ ctx, preview, done, problem }: FileOutcomeProps) {
  const { t, lang } = ctx;
  const rowErrors = (problem?.errors ?? []).filter((e) => typeof e.line === 'number');
  return (
    <div id="d02-outcome" aria-live="polite">
      {problem && <ProblemBox t={t} problem={problem} />}
      {rowErrors.length > 0 && (
        <table class="list" aria-label={t('d02.console.errors')}>
          <thead>
            <tr>
              <th scope="col">{t('d02.console.line')}</th>
              <th scope="col">{t('d02.console.column')}</th>
              <th scope="col">{t('d02.console.finding')}</th>
            </tr>
          </thead>
          <tbody>
            {rowErrors.map((e) => (
              <tr>
                <td>{e.line}</td>
                <td>{e.field}</td>
                <td>
                  <span class="mono">{e.code}</span> {e.message}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {done && (
        <div class="notice" role="status">
          <p>{t('declare.done', { count: done.results.length })}</p>
          <ul>
            {done.results.map((d) => (
              <li>
                {t(`declare.kind.${d.kind}` as MessageKey)} — <span class="mono">{d.personalId}</span> —{' '}
                {formatMonth(lang, d.effectiveMonth)} ({t(d.alreadyRecorded ? 'declare.already' : 'declare.recorded')})
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview && (
        <section aria-labelledby="d02-preview">
          <h2 id="d02-preview">{t('d02.console.preview')}</h2>
          <p>
            {t('d02.console.summary', {
              rows: preview.rows,
              declarations: preview.declarations,
              unchanged: preview.unchanged,
              errors: preview.errors.length,
            })}
          </p>
          {preview.errors.length > 0 && (
            <table class="list" aria-label={t('d02.console.errors')}>
              <thead>
                <tr>
                  <th scope="col">{t('d02.console.line')}</th>
                  <th scope="col">{t('d02.console.column')}</th>
                  <th scope="col">{t('d02.console.finding')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.errors.map((e) => (
                  <tr class="invalid">
                    <td>{e.line}</td>
                    <td>{e.column}</td>
                    <td>
                      <span class="mono">{e.code}</span> {e.message[lang]}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {preview.changes.length > 0 && (
            <table class="list" aria-label={t('d02.console.changes')}>
              <thead>
                <tr>
                  <th scope="col">{t('d02.console.line')}</th>
                  <th scope="col">{t('d02.console.kind')}</th>
                  <th scope="col">{t('d02.console.person')}</th>
                  <th scope="col">{t('d02.console.month')}</th>
                  <th scope="col">{t('d02.console.salary')}</th>
                  <th scope="col">{t('d02.console.state')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.changes.map((c) => (
                  <tr>
                    <td>{c.line}</td>
                    <td>{t(`declare.kind.${c.kind}` as MessageKey)}</td>
                    <td class="mono">{c.personalId}</td>
                    <td>{formatMonth(lang, c.effectiveMonth)}</td>
                    <td>
                      {c.currentSalary && c.salary
                        ? `${formatMoney(lang, c.currentSalary)} → ${formatMoney(lang, c.salary)}`
                        : c.salary
                          ? formatMoney(lang, c.salary)
                          : ''}
                    </td>
                    <td>{t(c.alreadyRecorded ? 'declare.already' : 'd02.console.new')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {preview.errors.length === 0 && preview.declarations > 0 && (
            <p class="actions">
              <input type="hidden" name="sha256" value={preview.sha256} />
              <button type="submit" name="intent" value="submit" class="primary">
                {t('d02.console.submit', { declarations: preview.declarations })}
              </button>
            </p>
          )}
        </section>
      )}
    </div>
  );
}

export function EmployerFilePage(props: FileOutcomeProps & { taxCode: string }) {
  const { ctx, taxCode } = props;
  const { t } = ctx;
  const action = '/console/employer/file';
  return (
    <Layout ctx={ctx} title={t('d02.console.title')} current={action}>
      <p class="hint">{t('d02.console.intro')}</p>
      <p>
        {t('d02.console.download')} <a href={`${action}/employees.xlsx`}>XLSX</a> ·{' '}
        <a href={`${action}/employees.csv`}>CSV</a>
        {' — '}
        <span class="mono">{taxCode}</span>
      </p>
      {/* A file goes as multipart/form-data; htmx sends the CSRF header with it and swaps the outcome only. */}
      <form
        method="post"
        action={action}
        hx-post={action}
        hx-encoding="multipart/form-data"
        hx-target="#d02-outcome"
        hx-select="#d02-outcome"
        hx-swap="outerHTML"
        enctype="multipart/form-data"
        class="stack"
      >
        <label for="d02-file">{t('d02.console.file')}</label>
        <input
          id="d02-file"
          name="file"
          type="file"
          required
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        />
        <p class="actions">
          <button type="submit" name="intent" value="preview" class="secondary">
            {t('d02.console.previewButton')}
          </button>
        </p>
        <FileOutcome {...props} />
      </form>
    </Layout>
  );
}
