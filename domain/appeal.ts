/**
 * The right to appeal a decision (rules §8.34): a person may complain about an administrative
 * decision of the social-security agency within 90 days of receiving it or learning of it
 * (Law 02/2011/QH13 on Complaints, Art.9; time an objective obstacle kept them from it is not
 * counted, which an officer applies to a late complaint). Counted from the decision's date.
 * The decision letters (services/documents.ts) print the deadline this computes.
 */
import { addDays, type IsoDate } from './calendar';
import { instrument, rule } from './law';

/** Law 02/2011/QH13 on Complaints. */
export const complaintsLaw = instrument('Law 02/2011', 'Law 02/2011/QH13 on Complaints');

/** Days to lodge a complaint, counted from the day the decision is received. */
export const APPEAL_DAYS = 90;

/** The last day to complain about a decision received on `received`. */
export const appealDeadline = rule([complaintsLaw.article(9)], function appealDeadline(received: IsoDate): IsoDate {
  return addDays(received, APPEAL_DAYS);
});
