/**
 * The one clock of the application. Nothing else reads the wall clock for a business date: the API,
 * the CLI, the workers, `npm start` and the tests all receive a `Clock`.
 *
 * `ANSINH_TODAY=YYYY-MM-DD` pins the clock's DATE (Asia/Ho_Chi_Minh) for the whole application;
 * the time of day still runs, so deadlines and token lifetimes measured within a day behave as
 * usual. It does not move the Temporal server's time: workflows receive `offsetDays` (pinned date
 * − the real date, in whole days; 0 when nothing is pinned) in their input and shift their
 * deterministic time by it (domain/calendar.ts `shiftedToday`), so the workflows and the rest of
 * the application agree on what "today" is.
 */
import {
  addDays,
  daysBetween,
  isIsoDate,
  localDateOf,
  startOfLocalDay,
  UTC_OFFSET_MS,
  type IsoDate,
} from '../domain/calendar';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Clock {
  /** The current instant (on the pinned date when ANSINH_TODAY is set). */
  (): Date;
  /** Today's date in Vietnam. */
  today(): IsoDate;
  /** Whole days between the pinned date and the real one (0 when not pinned): what workflows add to Temporal's time. */
  readonly offsetDays: number;
  /** The pinned date, if any. */
  readonly pinned: IsoDate | null;
}

/** Milliseconds since Vietnam's local midnight of an instant. */
const timeOfDay = (ms: number): number => (((ms + UTC_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;

/**
 * A clock over a source of instants (the wall clock by default). With `pinnedDate`, every reading
 * is that date at the source's current time of day.
 */
export function createClock(opts: { pinnedDate?: string | null; source?: () => number } = {}): Clock {
  const source = opts.source ?? (() => Date.now());
  const pinned = opts.pinnedDate ?? null;
  if (pinned !== null && !isIsoDate(pinned))
    throw new Error(`ANSINH_TODAY must be a calendar date YYYY-MM-DD: ${pinned}`);
  const nowMs = (): number => {
    const real = source();
    return pinned === null ? real : startOfLocalDay(pinned) + timeOfDay(real);
  };
  const clock = (() => new Date(nowMs())) as Clock;
  Object.defineProperties(clock, {
    today: { value: () => localDateOf(nowMs()) },
    offsetDays: { get: () => (pinned === null ? 0 : daysBetween(localDateOf(source()), pinned)) },
    pinned: { value: pinned },
  });
  return clock;
}

/** The application's clock from the environment (ANSINH_TODAY). */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const pinned = env['ANSINH_TODAY'];
  return createClock({ pinnedDate: pinned && pinned.length > 0 ? pinned : null });
}

/** A date `n` days from the clock's today (for tests and defaults). */
export const daysFromToday = (clock: Clock, n: number): IsoDate => addDays(clock.today(), n);
