/** The employer's employees, a page at a time (the API's cursor in the "next page" link). */
import type { z } from 'zod';
import type { employeeViewSchema } from '../../domain/schemas';
import { formatMoney, formatMonth } from '../../messages/format';
import type { Problem } from '../api';
import { Layout, ProblemBox, type PageContext } from './layout';

type Employee = z.infer<typeof employeeViewSchema>;

export function EmployerEmployeesPage({
  ctx,
  items,
  nextCursor,
  problem,
}: {
  ctx: PageContext;
  items: Employee[];
  nextCursor: string | null;
  problem?: Problem | undefined;
}) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('employees.title')} current="/console/employer/employees">
      {problem && <ProblemBox t={t} problem={problem} />}
      {items.length === 0 ? (
        <p>{t('employees.none')}</p>
      ) : (
        <div class="table-wrap">
          <table id="employees">
            <caption class="sr-only">{t('employees.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('col.fullName')}</th>
                <th scope="col">{t('col.personalId')}</th>
                <th scope="col">{t('col.siNumber')}</th>
                <th scope="col">{t('col.start')}</th>
                <th scope="col">{t('col.end')}</th>
                <th scope="col">{t('col.jobTitle')}</th>
                <th scope="col" class="num">
                  {t('col.salary')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr>
                  <th scope="row">{e.fullName}</th>
                  <td class="mono">{e.personalId}</td>
                  <td class="mono">{e.siNumber}</td>
                  <td>{formatMonth(lang, e.startMonth)}</td>
                  <td>{formatMonth(lang, e.endMonth)}</td>
                  <td>{e.jobTitle}</td>
                  <td class="num">{formatMoney(lang, e.salary)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextCursor && (
        <p>
          <a href={`/console/employer/employees?cursor=${encodeURIComponent(nextCursor)}`}>{t('common.next')}</a>
        </p>
      )}
    </Layout>
  );
}
