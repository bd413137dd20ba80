/**
 * Data-update requests in the console (issue #14 part 1): the participant's form and their
 * requests' progress (the code to confirm a contact change, the evidence to add), and the
 * officer's review page (what is asked beside what is on record, the evidence, the decision).
 */
import type { DataUpdateView } from '../../domain/data-updates';
import type { MessageKey, T } from '../../messages';
import { formatDate } from '../../messages/format';
import { CsrfField, Layout, ProblemBox, type PageContext } from './layout';

type Problem = { code: string; detail?: string | undefined };
const KINDS = ['email', 'phone', 'identity', 'nationality', 'bank_account'] as const;

const statusText = (t: T, s: string) => t(`dataUpdate.status.${s}` as MessageKey);
const kindText = (t: T, k: string) => t(`dataUpdate.kind.${k}` as MessageKey);
const fieldText = (t: T, f: string) => t(`dataUpdate.field.${f}` as MessageKey);

function valueText(ctx: PageContext, field: string, value: string): string {
  if (field === 'gender') return ctx.t(`dataUpdate.gender.${value === 'male' ? 'male' : 'female'}`);
  if (field === 'dateOfBirth') return formatDate(ctx.lang, value);
  return value;
}

function Requested({ ctx, v }: { ctx: PageContext; v: DataUpdateView }) {
  return (
    <dl>
      {Object.entries(v.requested).map(([k, x]) => (
        <>
          <dt>{fieldText(ctx.t, k)}</dt>
          <dd>{valueText(ctx, k, x)}</dd>
        </>
      ))}
    </dl>
  );
}

function Progress({ ctx, v }: { ctx: PageContext; v: DataUpdateView }) {
  const { t, lang } = ctx;
  return (
    <dl>
      <dt>{t('dataUpdate.kind')}</dt>
      <dd>{kindText(t, v.kind)}</dd>
      <dt>{t('dataUpdate.status')}</dt>
      <dd>
        <span class="badge">{statusText(t, v.status)}</span>
        {v.escalated && v.status === 'awaiting_review' ? (
          <span class="badge warn">{t('dataUpdate.escalated')}</span>
        ) : null}
      </dd>
      <dt>{t('dataUpdate.filedOn')}</dt>
      <dd>{formatDate(lang, v.filedOn)}</dd>
      {v.dueDate && (
        <>
          <dt>{t('dataUpdate.dueDate')}</dt>
          <dd>
            {formatDate(lang, v.dueDate)}
            {v.reviewDaysLeft !== null &&
              ` (${v.reviewDaysLeft < 0 ? t('dataUpdate.overdue') : t('dataUpdate.daysLeft', { n: v.reviewDaysLeft })})`}
          </dd>
        </>
      )}
      {v.decidedOn && (
        <>
          <dt>{t('dataUpdate.decidedOn')}</dt>
          <dd>{formatDate(lang, v.decidedOn)}</dd>
        </>
      )}
      {v.reason && (
        <>
          <dt>{t('dataUpdate.reason')}</dt>
          <dd>{v.reason}</dd>
        </>
      )}
      {v.status === 'approved' && !v.applied && (
        <>
          <dt>{t('dataUpdate.status')}</dt>
          <dd>{t('dataUpdate.notApplied')}</dd>
        </>
      )}
    </dl>
  );
}

function Evidence({ ctx, v, base }: { ctx: PageContext; v: DataUpdateView; base: string }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="evidence" class="panel">
      <h2 id="evidence">{t('dataUpdate.evidence')}</h2>
      {v.evidence.length === 0 ? (
        <p>{t('dataUpdate.evidenceNone')}</p>
      ) : (
        <ul>
          {v.evidence.map((e) => (
            <li>
              <a href={`${base}/evidence/${e.id}`}>{e.filename}</a> ({e.contentType}, {e.size} B)
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The participant's page: the form, then their requests. */
export function MyDataUpdatesPage({
  ctx,
  items,
  problem,
}: {
  ctx: PageContext;
  items: DataUpdateView[];
  problem?: Problem | undefined;
}) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('dataUpdate.title')} current="/console/me/data-updates">
      <section aria-labelledby="new" class="panel">
        <h2 id="new">{t('dataUpdate.title')}</h2>
        {problem && <ProblemBox t={t} problem={problem} />}
        <form method="post" action="/console/me/data-updates" class="stack">
          <CsrfField csrf={ctx.csrf} />
          <label for="kind">{t('dataUpdate.kind')}</label>
          <select id="kind" name="kind">
            {KINDS.map((k) => (
              <option value={k}>{kindText(t, k)}</option>
            ))}
          </select>
          <label for="email">{fieldText(t, 'email')}</label>
          <input id="email" name="email" type="email" maxLength={254} autocomplete="email" />
          <label for="phone">{fieldText(t, 'phone')}</label>
          <input id="phone" name="phone" type="tel" maxLength={16} autocomplete="tel" />
          <p class="hint">{t('dataUpdate.phoneBySms')}</p>
          <label for="fullName">{fieldText(t, 'fullName')}</label>
          <input id="fullName" name="fullName" maxLength={200} autocomplete="name" />
          <label for="dateOfBirth">{fieldText(t, 'dateOfBirth')}</label>
          <input id="dateOfBirth" name="dateOfBirth" type="date" />
          <label for="gender">{fieldText(t, 'gender')}</label>
          <select id="gender" name="gender">
            <option value="">—</option>
            <option value="male">{t('dataUpdate.gender.male')}</option>
            <option value="female">{t('dataUpdate.gender.female')}</option>
          </select>
          <label for="nationality">{fieldText(t, 'nationality')}</label>
          <input id="nationality" name="nationality" maxLength={2} />
          <label for="bankCode">{fieldText(t, 'bankCode')}</label>
          <input id="bankCode" name="bankCode" maxLength={11} />
          <label for="accountNumber">{fieldText(t, 'accountNumber')}</label>
          <input id="accountNumber" name="accountNumber" inputMode="numeric" maxLength={19} />
          <label for="accountHolder">{fieldText(t, 'accountHolder')}</label>
          <input id="accountHolder" name="accountHolder" maxLength={200} />
          <button type="submit" class="primary">
            {t('dataUpdate.submit')}
          </button>
        </form>
      </section>
      <section aria-labelledby="mine">
        <h2 id="mine">{t('dataUpdate.mine')}</h2>
        {items.length === 0 ? (
          <p>{t('dataUpdate.none')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('dataUpdate.kind')}</th>
                  <th scope="col">{t('dataUpdate.filedOn')}</th>
                  <th scope="col">{t('dataUpdate.status')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((v) => (
                  <tr>
                    <td>
                      <a href={`/console/me/data-updates/${v.requestId}`}>
                        {t('dataUpdate.request', { id: v.requestId })}
                      </a>
                    </td>
                    <td>{kindText(t, v.kind)}</td>
                    <td>{formatDate(lang, v.filedOn)}</td>
                    <td>{statusText(t, v.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
}

/** One of the participant's requests: its progress, the code form or the evidence form. */
export function MyDataUpdatePage({
  ctx,
  v,
  problem,
  codeSent,
}: {
  ctx: PageContext;
  v: DataUpdateView;
  problem?: Problem | undefined;
  codeSent?: boolean;
}) {
  const { t } = ctx;
  const base = `/console/me/data-updates/${v.requestId}`;
  return (
    <Layout ctx={ctx} title={t('dataUpdate.request', { id: v.requestId })} current="/console/me/data-updates">
      {problem && <ProblemBox t={t} problem={problem} />}
      <Progress ctx={ctx} v={v} />
      <section aria-labelledby="asked">
        <h2 id="asked">{t('dataUpdate.requested')}</h2>
        <Requested ctx={ctx} v={v} />
      </section>
      {v.status === 'awaiting_code' && (
        <section aria-labelledby="code" class="panel">
          <h2 id="code">{t('dataUpdate.confirm')}</h2>
          {codeSent && (
            <p class="notice" role="status">
              {t('dataUpdate.codeSent')}
            </p>
          )}
          <form method="post" action={`${base}/code`} class="stack">
            <CsrfField csrf={ctx.csrf} />
            <label for="code-input">{t('dataUpdate.code')}</label>
            <input
              id="code-input"
              name="code"
              inputMode="numeric"
              pattern="[0-9]{6}"
              maxLength={6}
              autocomplete="one-time-code"
              required
            />
            <button type="submit" class="primary">
              {t('dataUpdate.confirm')}
            </button>
          </form>
        </section>
      )}
      {(v.status === 'awaiting_review' || v.status === 'more_evidence') && (
        <section aria-labelledby="upload" class="panel">
          <h2 id="upload">{t('dataUpdate.upload')}</h2>
          {/* A file goes as multipart/form-data; htmx sends the CSRF header with it. */}
          <form
            method="post"
            action={`${base}/evidence`}
            hx-post={`${base}/evidence`}
            hx-encoding="multipart/form-data"
            enctype="multipart/form-data"
            class="stack"
          >
            <label for="file">{t('dataUpdate.upload')}</label>
            <input id="file" name="file" type="file" accept="application/pdf,image/jpeg,image/png" required />
            <button type="submit">{t('dataUpdate.uploadSubmit')}</button>
          </form>
        </section>
      )}
      {v.kind !== 'email' && v.kind !== 'phone' && <Evidence ctx={ctx} v={v} base={base} />}
    </Layout>
  );
}

/** The officer's review page: what is asked beside what is on record, the evidence, the decision form. */
export function OfficerDataUpdatePage({
  ctx,
  v,
  current,
  problem,
}: {
  ctx: PageContext;
  v: DataUpdateView;
  current: Record<string, string | null> | null;
  problem?: Problem | undefined;
}) {
  const { t } = ctx;
  const base = `/console/officer/data-updates/${v.requestId}`;
  return (
    <Layout
      ctx={ctx}
      title={`${t('dataUpdate.review')} · ${t('dataUpdate.request', { id: v.requestId })}`}
      current="/console/officer"
    >
      {problem && <ProblemBox t={t} problem={problem} />}
      <p>
        {t('dataUpdate.participant')}: <a href={`/console/officer/participants/${v.personalId}`}>{v.personalId}</a>
      </p>
      <Progress ctx={ctx} v={v} />
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('dataUpdate.kind')}</th>
              <th scope="col">{t('dataUpdate.current')}</th>
              <th scope="col">{t('dataUpdate.requested')}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(v.requested).map(([k, x]) => (
              <tr>
                <th scope="row">{fieldText(t, k)}</th>
                <td>{current && current[k] ? valueText(ctx, k, current[k]!) : '—'}</td>
                <td>{valueText(ctx, k, x)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Evidence ctx={ctx} v={v} base={base} />
      {v.status === 'awaiting_review' && (
        <section aria-labelledby="decide" class="panel">
          <h2 id="decide">{t('dataUpdate.decision')}</h2>
          <form method="post" action={`${base}/decision`} class="stack">
            <CsrfField csrf={ctx.csrf} />
            <fieldset>
              <legend>{t('dataUpdate.decision')}</legend>
              {(['approve', 'reject', 'more_evidence'] as const).map((d, i) => (
                <label>
                  <input type="radio" name="decision" value={d} checked={i === 0} /> {t(`dataUpdate.decision.${d}`)}
                </label>
              ))}
            </fieldset>
            <label for="reason">{t('dataUpdate.decisionReason')}</label>
            <textarea id="reason" name="reason" rows={3} maxLength={1000}></textarea>
            <button type="submit" class="primary">
              {t('dataUpdate.decide')}
            </button>
          </form>
        </section>
      )}
    </Layout>
  );
}
