/**
 * Declarations by form (issue #12): a hire, a leave, a salary change, unpaid leave — one person
 * per row. A refusal comes back from the API with the field of each error
 * (`declarations[i].employee.personalId`); the page puts each error beside its row and field,
 * keeps what was typed, and lists them all at the top (focusable, announced).
 */
import { catalog, type MessageKey } from '../../messages';
import { formatMonth } from '../../messages/format';
import type { Problem } from '../api';
import { CsrfField, Layout, ProblemBox, type PageContext } from './layout';

export const DECLARATION_KINDS = ['hire', 'leave', 'salary_change', 'unpaid_leave'] as const;
export type DeclarationKind = (typeof DECLARATION_KINDS)[number];

type FieldKind = 'text' | 'id' | 'date' | 'month' | 'money' | 'gender' | 'contract';
/** The fields of each form's row, in order, with what kind of input each is. */
export const DECLARATION_FIELDS: Record<DeclarationKind, [string, FieldKind][]> = {
  hire: [
    ['personalId', 'id'],
    ['fullName', 'text'],
    ['dateOfBirth', 'date'],
    ['gender', 'gender'],
    ['startMonth', 'month'],
    ['salary', 'money'],
    ['jobTitle', 'text'],
    ['contractType', 'contract'],
  ],
  leave: [
    ['personalId', 'id'],
    ['endMonth', 'month'],
  ],
  salary_change: [
    ['personalId', 'id'],
    ['effectiveMonth', 'month'],
    ['salary', 'money'],
  ],
  unpaid_leave: [
    ['personalId', 'id'],
    ['month', 'month'],
  ],
};

/** What was typed in a row, by field name. */
export type RowValues = Record<string, string>;
/** An error of one row: the field it belongs to ('' for the whole row), its code and what to say. */
export interface RowError {
  row: number;
  field: string;
  code: string;
  message: string;
}
export interface DeclarationOutcome {
  kind: string;
  personalId: string;
  effectiveMonth: string;
  alreadyRecorded: boolean;
}

const inputAttrs: Record<FieldKind, { inputMode?: 'numeric'; placeholder?: string; maxLength?: number }> = {
  text: {},
  id: { inputMode: 'numeric', maxLength: 12 },
  date: { inputMode: 'numeric', placeholder: 'YYYY-MM-DD', maxLength: 10 },
  month: { inputMode: 'numeric', placeholder: 'YYYY-MM', maxLength: 7 },
  money: { inputMode: 'numeric', maxLength: 20 },
  gender: {},
  contract: {},
};

const fieldKey = (f: string) => `field.${f}` as MessageKey;
export const inputName = (row: number, field: string) => `r${row}_${field}`;

/** The message of an error: the catalog's words for its code when it has them, else the API's. */
export function errorText(t: PageContext['t'], code: string, message: string): string {
  const key = `code.${code}`;
  return key in catalog ? t(key as MessageKey) : message;
}

function Field({
  ctx,
  row,
  name,
  kind,
  value,
  error,
}: {
  ctx: PageContext;
  row: number;
  name: string;
  kind: FieldKind;
  value: string;
  error: RowError | undefined;
}) {
  const { t } = ctx;
  const id = inputName(row, name);
  const errId = `${id}-error`;
  const hint = kind === 'month' ? 'field.monthHint' : kind === 'date' ? 'field.dateHint' : null;
  const hintId = `${id}-hint`;
  const described = [hint ? hintId : null, error ? errId : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: id,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': described,
  };
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{t(fieldKey(name))}</label>
      {hint && (
        <span id={hintId} class="hint">
          {t(hint)}
        </span>
      )}
      {kind === 'gender' ? (
        <select {...common}>
          {(['male', 'female'] as const).map((g) => (
            <option value={g} selected={value === g}>
              {t(`field.gender.${g}`)}
            </option>
          ))}
        </select>
      ) : kind === 'contract' ? (
        <select {...common}>
          {(['indefinite', 'fixed_term_12_36', 'fixed_term_1_12'] as const).map((c) => (
            <option value={c} selected={value === c}>
              {t(`field.contractType.${c}`)}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} {...inputAttrs[kind]} type="text" autocomplete="off" value={value} />
      )}
      {error && (
        <span id={errId} class="field-error">
          {errorText(t, error.code, error.message)}
        </span>
      )}
    </div>
  );
}

export function EmployerDeclarePage({
  ctx,
  kind,
  rows,
  errors = [],
  problem,
  empty,
  done,
}: {
  ctx: PageContext;
  kind: DeclarationKind;
  rows: RowValues[];
  errors?: RowError[];
  problem?: Problem | undefined;
  empty?: boolean;
  done?: DeclarationOutcome[] | undefined;
}) {
  const { t, lang } = ctx;
  const fields = DECLARATION_FIELDS[kind];
  const errorOf = (row: number, field: string) =>
    errors.find((e) => e.row === row && e.field === field) ??
    (field === fields[0]![0] ? errors.find((e) => e.row === row && !fields.some(([f]) => f === e.field)) : undefined);
  return (
    <Layout ctx={ctx} title={t('declare.title')} current="/console/employer/declare">
      <nav aria-label={t('declare.kinds')}>
        <ul class="tabs">
          {DECLARATION_KINDS.map((k) => (
            <li>
              <a href={`/console/employer/declare?kind=${k}`} aria-current={k === kind ? 'page' : undefined}>
                {t(`declare.kind.${k}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{t(`declare.kind.${kind}`)}</h2>
      {done && (
        <div class="notice" role="status" id="declare-done" tabIndex={-1}>
          <p>{t('declare.done', { count: done.length })}</p>
          <ul>
            {done.map((d) => (
              <li>
                {t(`declare.kind.${d.kind}` as MessageKey)} — <span class="mono">{d.personalId}</span> —{' '}
                {formatMonth(lang, d.effectiveMonth)} ({t(d.alreadyRecorded ? 'declare.already' : 'declare.recorded')})
              </li>
            ))}
          </ul>
        </div>
      )}
      {problem && <ProblemBox t={t} problem={problem} />}
      {errors.length > 0 && (
        <div class="problem" role="alert" id="declare-errors" tabIndex={-1}>
          <p>
            <strong>{t('declare.errors', { count: errors.length })}</strong>
          </p>
          <ul>
            {errors.map((e) => (
              <li>
                <a href={`#${inputName(e.row, fields.some(([f]) => f === e.field) ? e.field : fields[0]![0])}`}>
                  {t('declare.rowError', {
                    n: e.row + 1,
                    field: fields.some(([f]) => f === e.field) ? t(fieldKey(e.field)) : t('field.employee'),
                    message: errorText(t, e.code, e.message),
                  })}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {empty && (
        <p class="problem" role="alert">
          {t('declare.empty')}
        </p>
      )}
      <p class="hint">{t('declare.intro')}</p>
      <form method="post" action="/console/employer/declare" class="declare" novalidate>
        <CsrfField csrf={ctx.csrf} />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="rows" value={String(rows.length)} />
        {rows.map((values, row) => (
          <fieldset class={`decl-row${errors.some((e) => e.row === row) ? ' invalid' : ''}`} id={`row-${row}`}>
            <legend>{t('declare.row', { n: row + 1 })}</legend>
            {fields.map(([name, fk]) => (
              <Field ctx={ctx} row={row} name={name} kind={fk} value={values[name] ?? ''} error={errorOf(row, name)} />
            ))}
          </fieldset>
        ))}
        <div class="actions">
          <button type="submit" class="primary">
            {t('declare.submit')}
          </button>{' '}
          <button type="submit" name="add" value="1" class="secondary">
            {t('declare.addRow')}
          </button>
        </div>
      </form>
    </Layout>
  );
}
