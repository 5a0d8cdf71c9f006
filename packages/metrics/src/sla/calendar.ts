// SLA clocks: calendar time, or business hours (weekly schedule, holidays, IANA time zone, DST-aware),
// optionally paused. Pure functions over epoch milliseconds; only Intl is used for zone offsets.
//
// Business time is real elapsed time inside the working intervals: on a day when clocks change, an
// open/close pair spanning the change counts one hour more or less than its wall-clock length.
// Results are memoised per zone (local midnights) and per schedule (the working intervals of each
// local day); the caches are bounded and keyed by value, so mutating a BusinessHours object is safe.

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export interface BusinessHours {
  timeZone: string; // IANA, e.g. 'Europe/Madrid'
  week: Partial<Record<Weekday, [string, string][]>>; // local 'HH:MM' open/close pairs per weekday; close may be '24:00'
  holidays: string[]; // local dates 'YYYY-MM-DD' with no business hours
}
export type Calendar = { kind: 'calendar' } | { kind: 'business'; hours: BusinessHours };
export type Interval = [start: number, end: number]; // half-open [start, end)

const SECOND_MS = 1_000;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Consecutive local days without any working interval after which the search gives up (~5 years). */
const MAX_EMPTY_DAYS = 1_830;
const CACHE_LIMIT = 20_000;

// ---------------------------------------------------------------------------------------------
// Civil-date arithmetic (proleptic Gregorian, any year; "day" = days since 1970-01-01).

function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number) => (m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

/** JS weekday (0 = Sunday) of a day number; day 0 (1970-01-01) was a Thursday. */
const weekdayOf = (day: number) => (((day + 4) % 7) + 7) % 7;
const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function parseDate(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m) {
    const y = Number(m[1]),
      mo = Number(m[2]),
      d = Number(m[3]);
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)) return daysFromCivil(y, mo, d);
  }
  throw new RangeError(`invalid local date ${JSON.stringify(date)} (expected YYYY-MM-DD)`);
}

/** Milliseconds since local midnight of 'HH:MM' or 'HH:MM:SS'; '24:00' is allowed (the next midnight). */
function parseTime(time: string): number {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (m) {
    const h = Number(m[1]),
      mi = Number(m[2]),
      s = m[3] === undefined ? 0 : +m[3];
    if (mi < 60 && s < 60 && (h < 24 || (h === 24 && mi === 0 && s === 0))) return h * 3_600_000 + mi * MINUTE_MS + s * SECOND_MS;
  }
  throw new RangeError(`invalid local time ${JSON.stringify(time)} (expected HH:MM, 00:00–24:00)`);
}

// ---------------------------------------------------------------------------------------------
// Zone offsets through Intl.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset (local wall clock − UTC, ms) of a zone at an instant. */
function offsetAt(ts: number, timeZone: string): number {
  const t = Math.floor(ts / SECOND_MS) * SECOND_MS; // Intl resolves whole seconds
  let y = 0,
    mo = 1,
    d = 1,
    h = 0,
    mi = 0,
    s = 0;
  for (const p of formatter(timeZone).formatToParts(t)) {
    switch (p.type) {
      case 'year':
        y = +p.value;
        break;
      case 'month':
        mo = +p.value;
        break;
      case 'day':
        d = +p.value;
        break;
      case 'hour':
        h = +p.value % 24;
        break;
      case 'minute':
        mi = +p.value;
        break;
      case 'second':
        s = +p.value;
        break;
    }
  }
  return daysFromCivil(y, mo, d) * DAY_MS + h * 3_600_000 + mi * MINUTE_MS + s * SECOND_MS - t;
}

/**
 * The instant of a wall-clock time (given as "wall time read as UTC", whole seconds). A time in a
 * spring-forward gap maps to the end of the gap; an ambiguous time maps to its earlier occurrence.
 */
function wallToInstant(wall: number, zone: string): number {
  const o1 = offsetAt(wall, zone);
  let t = wall - o1;
  let o = offsetAt(t, zone);
  if (o !== o1) {
    const t2 = wall - o;
    const o2 = offsetAt(t2, zone);
    if (o2 !== o) return gapEnd(wall - Math.max(o1, o), wall - Math.min(o1, o), zone);
    t = t2;
  }
  // t is an occurrence (offset o). An earlier one exists only after a fall-back, when the offset
  // shortly before was larger.
  const before = offsetAt(t - DAY_MS, zone);
  if (before > o) {
    const te = wall - before;
    if (offsetAt(te, zone) === before) return te;
  }
  return t;
}

/** The first instant in (lo, hi] whose offset differs from lo's: the end of a gap. */
function gapEnd(lo: number, hi: number, zone: string): number {
  const oLo = offsetAt(lo, zone);
  while (hi - lo > SECOND_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / SECOND_MS) * SECOND_MS;
    if (offsetAt(mid, zone) === oLo) lo = mid;
    else hi = mid;
  }
  return hi;
}

interface Midnight {
  t: number;
  o: number;
} // instant of local 00:00 (or the gap's end) and the offset there
const midnights = new Map<string, Map<number, Midnight>>();

function midnight(day: number, zone: string): Midnight {
  let m = midnights.get(zone);
  if (!m) midnights.set(zone, (m = new Map()));
  let e = m.get(day);
  if (!e) {
    if (m.size >= CACHE_LIMIT) m.clear();
    const t = wallToInstant(day * DAY_MS, zone);
    e = { t, o: offsetAt(t, zone) };
    m.set(day, e);
  }
  return e;
}

/** The local day (days since 1970-01-01) containing ts. Offsets are within ±24 h. */
function localDay(ts: number, zone: string): number {
  const g = Math.floor(ts / DAY_MS);
  if (ts >= midnight(g + 1, zone).t) return g + 1;
  if (ts >= midnight(g, zone).t) return g;
  return g - 1;
}

// ---------------------------------------------------------------------------------------------
// Compiled schedules.

interface Compiled {
  zone: string;
  week: number[][]; // by JS weekday: flat sorted, merged [open, close, open, close, …] in ms since local midnight
  hasHours: boolean;
  holidays: Set<number>;
  days: Map<number, Interval[]>; // working intervals of open local days
}
const compiled = new Map<string, Compiled>();
const NO_INTERVALS: Interval[] = [];

/** A copy of the schedule's strings, to notice a BusinessHours object mutated after it was compiled. */
interface Snapshot {
  zone: string;
  week: (string[] | undefined)[];
  holidays: string[];
  compiled: Compiled;
}
const byIdentity = new WeakMap<BusinessHours, Snapshot>();

function matches(snap: Snapshot, h: BusinessHours): boolean {
  if (snap.zone !== h.timeZone || snap.holidays.length !== h.holidays.length) return false;
  for (let i = 0; i < snap.holidays.length; i++) if (snap.holidays[i] !== h.holidays[i]) return false;
  for (const [d, wd] of WEEKDAYS.entries()) {
    const pairs = h.week[wd],
      flat = snap.week[d];
    if (!pairs || !flat) {
      if (pairs !== undefined || flat !== undefined) return false;
      continue;
    }
    if (flat.length !== pairs.length * 2) return false;
    for (const [i, [open, close]] of pairs.entries()) if (open !== flat[2 * i] || close !== flat[2 * i + 1]) return false;
  }
  return true;
}

/** The compiled form of a schedule: cached by identity (verified against a snapshot) and by value. */
function compile(h: BusinessHours): Compiled {
  const snap = byIdentity.get(h);
  if (snap && matches(snap, h)) return snap.compiled;
  const c = compileByValue(h);
  byIdentity.set(h, {
    zone: h.timeZone,
    week: WEEKDAYS.map((wd) => h.week[wd]?.flatMap(([a, b]) => [a, b])),
    holidays: [...h.holidays],
    compiled: c,
  });
  return c;
}

function compileByValue(h: BusinessHours): Compiled {
  const key = `${h.timeZone}\u0000${JSON.stringify(h.week)}\u0000${h.holidays.join(',')}`;
  let c = compiled.get(key);
  if (c) return c;
  formatter(h.timeZone); // throws a RangeError for an unknown zone
  const week = WEEKDAYS.map((wd) => {
    const pairs = (h.week[wd] ?? [])
      .map(([open, close]): [number, number] => {
        const a = parseTime(open),
          b = parseTime(close);
        if (a > b) throw new RangeError(`${wd} ${open}–${close}: close before open (split overnight hours across two days)`);
        return [a, b];
      })
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0]);
    const flat: number[] = [];
    for (const [a, b] of pairs) {
      const end = flat[flat.length - 1];
      if (end !== undefined && a <= end) flat[flat.length - 1] = Math.max(end, b);
      else flat.push(a, b);
    }
    return flat;
  });
  c = { zone: h.timeZone, week, hasHours: week.some((f) => f.length > 0), holidays: new Set(h.holidays.map(parseDate)), days: new Map() };
  if (compiled.size >= 100) compiled.clear();
  compiled.set(key, c);
  return c;
}

/** The working intervals of one local day, ascending and non-overlapping (cached). */
function dayIntervals(c: Compiled, day: number): Interval[] {
  const flat = c.week[weekdayOf(day)];
  if (flat === undefined || flat.length === 0 || c.holidays.has(day)) return NO_INTERVALS;
  let out = c.days.get(day);
  if (out) return out;
  const m0 = midnight(day, c.zone),
    m1 = midnight(day + 1, c.zone);
  const wall0 = day * DAY_MS;
  out = [];
  for (let i = 0; i < flat.length; i += 2) {
    // flat holds whole [open, close] pairs, so i + 1 is in range
    const open = flat[i]!;
    const close = flat[i + 1]!;
    let s: number, e: number;
    if (m0.o === m1.o) {
      // No change of offset during the day: wall − offset, clamped to the day's start (a gap at midnight).
      s = Math.max(wall0 + open - m0.o, m0.t);
      e = Math.max(wall0 + close - m0.o, m0.t);
    } else {
      s = wallToInstant(wall0 + open, c.zone);
      e = close === DAY_MS ? m1.t : wallToInstant(wall0 + close, c.zone);
    }
    if (e <= s) continue; // entirely inside a gap
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  if (c.days.size >= CACHE_LIMIT) c.days.clear();
  c.days.set(day, out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Pauses.

/** Pauses ending after `from`, sorted and merged (touching ones too). Only the last may be open. */
function normalizePauses(pauses: Interval[] | undefined, from: number): Interval[] {
  if (!pauses || pauses.length === 0) return NO_INTERVALS;
  const ps: Interval[] = [];
  for (const [s, e] of pauses) {
    if (Number.isNaN(s) || Number.isNaN(e)) throw new RangeError('pause bounds must be numbers');
    if (e > s && e > from) ps.push([s, e]);
  }
  ps.sort((x, y) => x[0] - y[0]);
  const out: Interval[] = [];
  for (const [s, e] of ps) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function requireFinite(x: number, name: string): void {
  if (!Number.isFinite(x)) throw new RangeError(`${name} must be a finite epoch-ms instant`);
}

// ---------------------------------------------------------------------------------------------
// Public API.

/** The instant of a local wall-clock date+time in a zone. A time inside a spring-forward gap maps to the first instant after the gap; an ambiguous fall-back time maps to its first (earlier) occurrence. */
export function localToInstant(date: string, time: string, timeZone: string): number {
  formatter(timeZone);
  return wallToInstant(parseDate(date) * DAY_MS + parseTime(time), timeZone);
}

/** Local midnight (start of the local calendar day) containing ts. */
export function startOfLocalDay(ts: number, timeZone: string): number {
  requireFinite(ts, 'ts');
  formatter(timeZone);
  return midnight(localDay(ts, timeZone), timeZone).t;
}

/** Working intervals from `from` onward, ascending, non-overlapping; the first may be clipped to start at `from`. Calendar: a single [from, Infinity). Business: each open/close pair of each non-holiday local day converted to instants (so a DST day has 1 hour more or less of wall-clock-to-instant difference handled correctly). Must terminate the search if the schedule has no hours at all (yield nothing) and never loop forever (cap the lookahead, e.g. 5 years of days). */
export function* workingIntervals(cal: Calendar, from: number): Generator<Interval> {
  requireFinite(from, 'from');
  if (cal.kind === 'calendar') {
    yield [from, Infinity];
    return;
  }
  const c = compile(cal.hours);
  if (!c.hasHours) return;
  let empty = 0;
  for (let day = localDay(from, c.zone); empty < MAX_EMPTY_DAYS; day++) {
    let any = false;
    for (const [s, e] of dayIntervals(c, day)) {
      if (e <= from) continue;
      any = true;
      yield [Math.max(s, from), e];
    }
    empty = any ? 0 : empty + 1;
  }
}

/** The instant at which `durationMs` of working time, not counting time inside `pauses`, has elapsed since `start`. `pauses` are half-open intervals, possibly unsorted/overlapping, may have end = Infinity (an open pause: then return Infinity if the duration is not reached before it starts). durationMs = 0 returns the first working instant at or after start that is not paused (for calendar: start itself unless paused). */
export function advance(cal: Calendar, start: number, durationMs: number, pauses?: Interval[]): number {
  requireFinite(start, 'start');
  if (!(durationMs >= 0)) throw new RangeError('durationMs must be ≥ 0');
  if (durationMs === Infinity) return Infinity;
  const ps = normalizePauses(pauses, start);
  let remaining = durationMs;
  let pi = 0;
  for (const [s, e] of workingIntervals(cal, start)) {
    let cur = s;
    while (cur < e) {
      let p = ps[pi];
      while (p && p[1] <= cur) p = ps[++pi];
      if (p && p[0] <= cur) {
        cur = p[1]; // inside a pause: resume at its end
        continue;
      }
      const pieceEnd = p ? Math.min(e, p[0]) : e;
      const avail = pieceEnd - cur;
      if (remaining <= avail) return cur + remaining;
      remaining -= avail;
      cur = pieceEnd;
    }
    if (cur === Infinity) return Infinity; // an open pause: the clock never resumes
  }
  return Infinity; // no (more) working time within the lookahead
}

/** Working time (ms) in [a, b) outside pauses. 0 when b <= a. */
export function workingMsBetween(cal: Calendar, a: number, b: number, pauses?: Interval[]): number {
  if (!(b > a)) return 0;
  requireFinite(a, 'a');
  const ps = normalizePauses(pauses, a);
  const last = ps[ps.length - 1];
  if (last && last[1] === Infinity) b = Math.min(b, last[0]); // nothing counts once an open pause starts
  if (!(b > a)) return 0;
  if (b === Infinity) return cal.kind === 'calendar' || compile(cal.hours).hasHours ? Infinity : 0;
  let total = 0;
  let pi = 0;
  for (const [s, iend] of workingIntervals(cal, a)) {
    if (s >= b) break;
    const e = Math.min(iend, b);
    let cur = s;
    while (cur < e) {
      let p = ps[pi];
      while (p && p[1] <= cur) p = ps[++pi];
      if (p && p[0] <= cur) {
        cur = p[1];
        continue;
      }
      const pieceEnd = p ? Math.min(e, p[0]) : e;
      total += pieceEnd - cur;
      cur = pieceEnd;
    }
    if (iend >= b) break;
  }
  return total;
}
