/**
 * The language preference form (issue 13) on the participant's page and the employer's: it stores
 * the language of their notices through PUT …/preferences and switches the console's language.
 * The choice shown is the console's language (which the form sets at the same time).
 */
import type { Problem } from '../api';
import { CsrfField, ProblemBox, type PageContext } from './layout';

export function LangPreferenceForm({
  ctx,
  action,
  saved,
  problem,
}: {
  ctx: PageContext;
  action: string;
  saved?: boolean | undefined;
  problem?: Problem | undefined;
}) {
  const { t, lang } = ctx;
  return (
    <section aria-labelledby="prefs">
      <h2 id="prefs">{t('prefs.title')}</h2>
      {saved && (
        <p class="notice" role="status">
          {t('prefs.saved')}
        </p>
      )}
      {problem && <ProblemBox t={t} problem={problem} />}
      <form method="post" action={action} class="stack" id="prefs-form">
        <CsrfField csrf={ctx.csrf} />
        <p class="hint">{t('prefs.intro')}</p>
        <fieldset>
          <legend>{t('prefs.title')}</legend>
          {(['vi', 'en'] as const).map((l) => (
            <label>
              <input type="radio" name="lang" value={l} checked={l === lang} /> {t(`prefs.lang.${l}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t('prefs.save')}</button>
      </form>
    </section>
  );
}
