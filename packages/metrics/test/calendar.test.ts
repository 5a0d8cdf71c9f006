// SLA calendars: calendar time and business hours (schedule, holidays, IANA zones, DST), with pauses.
// Every expected instant is worked out by hand from the calendar and the zone's UTC offset and
// written with Date.UTC; the comment next to each says which local time it is.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  advance,
  localToInstant,
  startOfLocalDay,
  workingIntervals,
  workingMsBetween,
  type BusinessHours,
  type Calendar,
  type Interval,
  type Weekday,
} from '../src/sla/calendar.ts';

const MIN = 60_000;
const H = 3_600_000;
const Z = Date.UTC;

const CAL: Calendar = { kind: 'calendar' };
const DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
function business(timeZone: string, days: Weekday[], pairs: [string, string][], holidays: string[] = []): Calendar {
  const week: BusinessHours['week'] = {};
  for (const d of days) week[d] = pairs;
  return { kind: 'business', hours: { timeZone, week, holidays } };
}
const WEEKDAYS = DAYS.slice(0, 5);
const MADRID_9_17 = business('Europe/Madrid', WEEKDAYS, [['09:00', '17:00']]);
const MADRID_SPLIT = business('Europe/Madrid', WEEKDAYS, [
  ['09:00', '13:00'],
  ['14:00', '18:00'],
]);
const MADRID_ALL_DAY = business('Europe/Madrid', DAYS, [['00:00', '24:00']]);
const MADRID_9_17_DAILY = business('Europe/Madrid', DAYS, [['09:00', '17:00']]);
const NY_9_17 = business('America/New_York', WEEKDAYS, [['09:00', '17:00']]);
const NY_ALL_DAY = business('America/New_York', DAYS, [['00:00', '24:00']]);

const take = (it: Iterable<Interval>, n: number): Interval[] => {
  const out: Interval[] = [];
  for (const x of it) {
    out.push(x);
    if (out.length === n) break;
  }
  return out;
};

describe('calendar kind', () => {
  const T = Z(2026, 0, 12, 10, 0); // Monday 2026-01-12 10:00Z

  it('advances by wall time', () => {
    expect(advance(CAL, T, 15 * MIN)).toBe(T + 15 * MIN);
    expect(advance(CAL, T, 0)).toBe(T);
    expect(take(workingIntervals(CAL, T), 5)).toEqual([[T, Infinity]]);
  });

  it('shifts the due time by the length of a pause', () => {
    expect(advance(CAL, T, 15 * MIN, [[T + 5 * MIN, T + 10 * MIN]])).toBe(T + 20 * MIN);
    // a pause that began before the start only counts from the start: 3 minutes
    expect(advance(CAL, T, 15 * MIN, [[T - 60 * MIN, T + 3 * MIN]])).toBe(T + 18 * MIN);
    // overlapping, unsorted pauses: [T+5, T+12) ∪ [T+8, T+10) ∪ [T+12, T+14) = 9 paused minutes
    expect(
      advance(CAL, T, 15 * MIN, [
        [T + 12 * MIN, T + 14 * MIN],
        [T + 5 * MIN, T + 12 * MIN],
        [T + 8 * MIN, T + 10 * MIN],
      ]),
    ).toBe(T + 24 * MIN);
    // a duration of 0 inside a pause: the first unpaused instant
    expect(advance(CAL, T, 0, [[T - MIN, T + 2 * MIN]])).toBe(T + 2 * MIN);
    // a pause after the due time changes nothing
    expect(advance(CAL, T, 15 * MIN, [[T + 20 * MIN, T + 30 * MIN]])).toBe(T + 15 * MIN);
  });

  it('never reaches the due time through an open pause', () => {
    expect(advance(CAL, T, 15 * MIN, [[T + 10 * MIN, Infinity]])).toBe(Infinity);
    expect(advance(CAL, T, 15 * MIN, [[T - 10 * MIN, Infinity]])).toBe(Infinity);
    // reached before the open pause starts
    expect(advance(CAL, T, 15 * MIN, [[T + 20 * MIN, Infinity]])).toBe(T + 15 * MIN);
  });

  it('counts working time as b − a minus the pauses', () => {
    expect(workingMsBetween(CAL, T, T + 60 * MIN)).toBe(60 * MIN);
    // pauses inside [T, T+60): [T+10, T+25) (two overlapping) and [T, T+5) (clipped) → 20 min paused
    const pauses: Interval[] = [
      [T + 15 * MIN, T + 25 * MIN],
      [T - 30 * MIN, T + 5 * MIN],
      [T + 10 * MIN, T + 20 * MIN],
      [T + 70 * MIN, T + 80 * MIN],
    ];
    expect(workingMsBetween(CAL, T, T + 60 * MIN, pauses)).toBe(40 * MIN);
    expect(workingMsBetween(CAL, T, T + 60 * MIN, [[T + 50 * MIN, Infinity]])).toBe(50 * MIN);
    expect(workingMsBetween(CAL, T, T)).toBe(0);
    expect(workingMsBetween(CAL, T, T - MIN)).toBe(0);
    expect(workingMsBetween(CAL, T, Infinity)).toBe(Infinity);
  });
});

describe('business hours Mon–Fri 09:00–17:00, Europe/Madrid (winter, +01:00)', () => {
  it('carries a Friday-afternoon ticket over the weekend', () => {
    // Fri 2026-01-09 16:00 local = 15:00Z; 60 min on Friday until 17:00, 60 min on Monday from 09:00
    // → Mon 2026-01-12 10:00 local = 09:00Z.
    expect(advance(MADRID_9_17, Z(2026, 0, 9, 15), 120 * MIN)).toBe(Z(2026, 0, 12, 9));
    expect(workingMsBetween(MADRID_9_17, Z(2026, 0, 9, 15), Z(2026, 0, 12, 9))).toBe(120 * MIN);
  });

  it('counts a Saturday ticket from Monday 09:00', () => {
    // Sat 2026-01-10 11:00 local = 10:00Z → Mon 09:00 local (08:00Z) + 120 min = 11:00 local = 10:00Z
    expect(advance(MADRID_9_17, Z(2026, 0, 10, 10), 120 * MIN)).toBe(Z(2026, 0, 12, 10));
    expect(advance(MADRID_9_17, Z(2026, 0, 10, 10), 0)).toBe(Z(2026, 0, 12, 8));
    expect(workingMsBetween(MADRID_9_17, Z(2026, 0, 10, 10), Z(2026, 0, 12, 8))).toBe(0);
  });

  it('counts a ticket created before opening from the opening', () => {
    // Tue 2026-01-13 07:30 local = 06:30Z → 09:00 local + 60 min = 10:00 local = 09:00Z
    expect(advance(MADRID_9_17, Z(2026, 0, 13, 6, 30), 60 * MIN)).toBe(Z(2026, 0, 13, 9));
    // after closing: Tue 18:30 local → Wed 09:00 + 30 min = 09:30 local = 08:30Z
    expect(advance(MADRID_9_17, Z(2026, 0, 13, 17, 30), 30 * MIN)).toBe(Z(2026, 0, 14, 8, 30));
    // due exactly at closing stays at closing: Tue 16:00 + 60 min = 17:00 local = 16:00Z
    expect(advance(MADRID_9_17, Z(2026, 0, 13, 15), 60 * MIN)).toBe(Z(2026, 0, 13, 16));
  });

  it('skips lunch on a split day (09:00–13:00, 14:00–18:00)', () => {
    // Mon 2026-01-12 12:00 local (11:00Z): 60 min to 13:00, lunch, 60 min from 14:00 → 15:00 local = 14:00Z
    expect(advance(MADRID_SPLIT, Z(2026, 0, 12, 11), 120 * MIN)).toBe(Z(2026, 0, 12, 14));
    // created during lunch: 13:30 local → 14:00 + 30 min = 14:30 local = 13:30Z
    expect(advance(MADRID_SPLIT, Z(2026, 0, 12, 12, 30), 30 * MIN)).toBe(Z(2026, 0, 12, 13, 30));
    // Fri 2026-01-16 17:00 local (16:00Z): 60 min until 18:00, then Mon 19th 09:00–10:00 local = 09:00Z
    expect(advance(MADRID_SPLIT, Z(2026, 0, 16, 16), 120 * MIN)).toBe(Z(2026, 0, 19, 9));
    // the whole Monday: 4 h + 4 h
    expect(workingMsBetween(MADRID_SPLIT, Z(2026, 0, 11, 23), Z(2026, 0, 12, 23))).toBe(8 * H);
  });

  it('lists working intervals, the first clipped at `from`', () => {
    // from Fri 2026-01-09 16:00 local: Fri [15:00Z, 16:00Z), Mon 12th [08:00Z, 16:00Z), Tue 13th [08:00Z, 16:00Z)
    expect(take(workingIntervals(MADRID_9_17, Z(2026, 0, 9, 15)), 3)).toEqual([
      [Z(2026, 0, 9, 15), Z(2026, 0, 9, 16)],
      [Z(2026, 0, 12, 8), Z(2026, 0, 12, 16)],
      [Z(2026, 0, 13, 8), Z(2026, 0, 13, 16)],
    ]);
    // split day: both pairs, from Monday 12:00 local
    expect(take(workingIntervals(MADRID_SPLIT, Z(2026, 0, 12, 11)), 2)).toEqual([
      [Z(2026, 0, 12, 11), Z(2026, 0, 12, 12)],
      [Z(2026, 0, 12, 13), Z(2026, 0, 12, 17)],
    ]);
  });
});

describe('holidays', () => {
  it('skips a holiday Friday (2026-12-25)', () => {
    const xmas = business('Europe/Madrid', WEEKDAYS, [['09:00', '17:00']], ['2026-12-25']);
    // Thu 2026-12-24 16:00 local (+01:00) = 15:00Z: 60 min on Thursday; Friday 25th is a holiday,
    // Sat/Sun are closed; 60 min on Monday 28th from 09:00 → 10:00 local = 09:00Z.
    expect(advance(xmas, Z(2026, 11, 24, 15), 120 * MIN)).toBe(Z(2026, 11, 28, 9));
    // without the holiday: Fri 25th 10:00 local = 09:00Z
    expect(advance(MADRID_9_17, Z(2026, 11, 24, 15), 120 * MIN)).toBe(Z(2026, 11, 25, 9));
    expect(workingMsBetween(xmas, Z(2026, 11, 24, 23), Z(2026, 11, 25, 23))).toBe(0);
  });
});

describe('DST, Europe/Madrid (2026-03-29 02:00 → 03:00; 2026-10-25 03:00 → 02:00)', () => {
  it('24 business hours across the spring change on an all-day schedule', () => {
    // Every instant is working time, so 24 business hours = 24 elapsed hours.
    // Sat 2026-03-28 12:00 local (+01:00) = 11:00Z; + 24 h = 2026-03-29 11:00Z = Sunday 13:00 local
    // (+02:00): the Sunday has only 23 hours, so the wall clock moves 25 hours.
    expect(advance(MADRID_ALL_DAY, Z(2026, 2, 28, 11), 24 * H)).toBe(Z(2026, 2, 29, 11));
    // The local Sunday runs from 00:00 (+01:00) = 28th 23:00Z to Monday 00:00 (+02:00) = 29th 22:00Z: 23 h.
    expect(workingMsBetween(MADRID_ALL_DAY, Z(2026, 2, 28, 23), Z(2026, 2, 29, 22))).toBe(23 * H);
    expect(take(workingIntervals(MADRID_ALL_DAY, Z(2026, 2, 28, 23)), 2)).toEqual([
      [Z(2026, 2, 28, 23), Z(2026, 2, 29, 22)],
      [Z(2026, 2, 29, 22), Z(2026, 2, 30, 22)],
    ]);
  });

  it('24 business hours across the autumn change on an all-day schedule', () => {
    // Sat 2026-10-24 12:00 local (+02:00) = 10:00Z; + 24 h = 2026-10-25 10:00Z = Sunday 11:00 local
    // (+01:00): the Sunday has 25 hours, so the wall clock moves only 23 hours.
    expect(advance(MADRID_ALL_DAY, Z(2026, 9, 24, 10), 24 * H)).toBe(Z(2026, 9, 25, 10));
    // Sunday 00:00 (+02:00) = 24th 22:00Z to Monday 00:00 (+01:00) = 25th 23:00Z: 25 h.
    expect(workingMsBetween(MADRID_ALL_DAY, Z(2026, 9, 24, 22), Z(2026, 9, 25, 23))).toBe(25 * H);
  });

  it('a pair spanning the change counts real minutes', () => {
    const sundayNight = business('Europe/Madrid', ['sun'], [['00:00', '06:00']]);
    // spring: 00:00 (+01:00) = 28th 23:00Z to 06:00 (+02:00) = 29th 04:00Z → 5 h
    expect(workingMsBetween(sundayNight, Z(2026, 2, 28, 0), Z(2026, 2, 30, 0))).toBe(5 * H);
    // autumn: 00:00 (+02:00) = 24th 22:00Z to 06:00 (+01:00) = 25th 05:00Z → 7 h
    expect(workingMsBetween(sundayNight, Z(2026, 9, 24, 0), Z(2026, 9, 26, 0))).toBe(7 * H);
    // 5 business hours from spring Sunday 00:00 local end at 06:00 local = 04:00Z
    expect(advance(sundayNight, Z(2026, 2, 28, 23), 5 * H)).toBe(Z(2026, 2, 29, 4));
  });

  it('09:00–17:00 on the change days and the Mondays after is exactly 8 business hours', () => {
    // Sun 2026-03-29: 09:00 (+02:00) = 07:00Z … 17:00 = 15:00Z; the whole local day is [28th 23:00Z, 29th 22:00Z)
    expect(workingMsBetween(MADRID_9_17_DAILY, Z(2026, 2, 28, 23), Z(2026, 2, 29, 22))).toBe(8 * H);
    expect(advance(MADRID_9_17_DAILY, Z(2026, 2, 28, 23), 0)).toBe(Z(2026, 2, 29, 7));
    // Mon 2026-03-30 (+02:00): local day [29th 22:00Z, 30th 22:00Z)
    expect(workingMsBetween(MADRID_9_17, Z(2026, 2, 29, 22), Z(2026, 2, 30, 22))).toBe(8 * H);
    // Sun 2026-10-25: local day [24th 22:00Z, 25th 23:00Z), 09:00 (+01:00) = 08:00Z
    expect(workingMsBetween(MADRID_9_17_DAILY, Z(2026, 9, 24, 22), Z(2026, 9, 25, 23))).toBe(8 * H);
    expect(advance(MADRID_9_17_DAILY, Z(2026, 9, 24, 22), 0)).toBe(Z(2026, 9, 25, 8));
    // Mon 2026-10-26 (+01:00): local day [25th 23:00Z, 26th 23:00Z)
    expect(workingMsBetween(MADRID_9_17, Z(2026, 9, 25, 23), Z(2026, 9, 26, 23))).toBe(8 * H);
  });

  it('Mon–Fri hours across the change weekend use the new offset on Monday', () => {
    // Fri 2026-03-27 16:00 (+01:00) = 15:00Z → Mon 30th 10:00 (+02:00) = 08:00Z
    expect(advance(MADRID_9_17, Z(2026, 2, 27, 15), 120 * MIN)).toBe(Z(2026, 2, 30, 8));
    // Fri 2026-10-23 16:00 (+02:00) = 14:00Z → Mon 26th 10:00 (+01:00) = 09:00Z
    expect(advance(MADRID_9_17, Z(2026, 9, 23, 14), 120 * MIN)).toBe(Z(2026, 9, 26, 9));
  });
});

describe('DST, America/New_York (2026-03-08 02:00 → 03:00; 2026-11-01 02:00 → 01:00)', () => {
  it('spring: 24 business hours on an all-day schedule', () => {
    // Sat 2026-03-07 12:00 EST (−05:00) = 17:00Z; + 24 h = 2026-03-08 17:00Z = Sunday 13:00 EDT (−04:00)
    expect(advance(NY_ALL_DAY, Z(2026, 2, 7, 17), 24 * H)).toBe(Z(2026, 2, 8, 17));
    // Sunday 2026-03-08: 00:00 EST = 05:00Z to Monday 00:00 EDT = 9th 04:00Z → 23 h
    expect(workingMsBetween(NY_ALL_DAY, Z(2026, 2, 8, 5), Z(2026, 2, 9, 4))).toBe(23 * H);
  });

  it('autumn: 24 business hours on an all-day schedule', () => {
    // Sat 2026-10-31 12:00 EDT (−04:00) = 16:00Z; + 24 h = 2026-11-01 16:00Z = Sunday 11:00 EST (−05:00)
    expect(advance(NY_ALL_DAY, Z(2026, 9, 31, 16), 24 * H)).toBe(Z(2026, 10, 1, 16));
  });

  it('Mon–Fri 09:00–17:00 across the change weekends', () => {
    // Fri 2026-03-06 16:00 EST = 21:00Z → Mon 9th 10:00 EDT = 14:00Z
    expect(advance(NY_9_17, Z(2026, 2, 6, 21), 120 * MIN)).toBe(Z(2026, 2, 9, 14));
    // Fri 2026-10-30 16:00 EDT = 20:00Z → Mon 2026-11-02 10:00 EST = 15:00Z
    expect(advance(NY_9_17, Z(2026, 9, 30, 20), 120 * MIN)).toBe(Z(2026, 10, 2, 15));
    // the Monday after each change: 8 h (local days [9th 04:00Z, 10th 04:00Z) and [2nd 05:00Z, 3rd 05:00Z))
    expect(workingMsBetween(NY_9_17, Z(2026, 2, 9, 4), Z(2026, 2, 10, 4))).toBe(8 * H);
    expect(workingMsBetween(NY_9_17, Z(2026, 10, 2, 5), Z(2026, 10, 3, 5))).toBe(8 * H);
  });
});

describe('localToInstant', () => {
  it('converts ordinary local times', () => {
    expect(localToInstant('2026-01-12', '09:00', 'Europe/Madrid')).toBe(Z(2026, 0, 12, 8)); // +01:00
    expect(localToInstant('2026-07-01', '09:00', 'Europe/Madrid')).toBe(Z(2026, 6, 1, 7)); // +02:00
    expect(localToInstant('2026-01-12', '09:00', 'UTC')).toBe(Z(2026, 0, 12, 9));
    expect(localToInstant('2026-01-12', '00:00', 'Asia/Kathmandu')).toBe(Z(2026, 0, 11, 18, 15)); // +05:45
    expect(localToInstant('2026-01-12', '24:00', 'Europe/Madrid')).toBe(Z(2026, 0, 12, 23)); // = 13th 00:00
    expect(localToInstant('2026-12-31', '24:00', 'UTC')).toBe(Z(2027, 0, 1));
  });

  it('maps a time in the spring-forward gap to the end of the gap', () => {
    // Madrid 2026-03-29: 02:00–02:59 does not exist; 03:00 (+02:00) = 01:00Z
    expect(localToInstant('2026-03-29', '02:30', 'Europe/Madrid')).toBe(Z(2026, 2, 29, 1));
    expect(localToInstant('2026-03-29', '02:00', 'Europe/Madrid')).toBe(Z(2026, 2, 29, 1));
    expect(localToInstant('2026-03-29', '03:00', 'Europe/Madrid')).toBe(Z(2026, 2, 29, 1));
    expect(localToInstant('2026-03-29', '01:59', 'Europe/Madrid')).toBe(Z(2026, 2, 29, 0, 59)); // +01:00
    // New York 2026-03-08 02:30 → 03:00 EDT = 07:00Z
    expect(localToInstant('2026-03-08', '02:30', 'America/New_York')).toBe(Z(2026, 2, 8, 7));
  });

  it('maps an ambiguous fall-back time to its first occurrence', () => {
    // Madrid 2026-10-25: 02:00–02:59 happens at +02:00 and again at +01:00; first: 02:30 (+02:00) = 00:30Z
    expect(localToInstant('2026-10-25', '02:30', 'Europe/Madrid')).toBe(Z(2026, 9, 25, 0, 30));
    expect(localToInstant('2026-10-25', '02:00', 'Europe/Madrid')).toBe(Z(2026, 9, 25, 0, 0));
    expect(localToInstant('2026-10-25', '03:00', 'Europe/Madrid')).toBe(Z(2026, 9, 25, 2, 0)); // +01:00
    expect(localToInstant('2026-10-25', '01:59', 'Europe/Madrid')).toBe(Z(2026, 9, 24, 23, 59)); // +02:00
    // New York 2026-11-01 01:30 happens in EDT (−04:00) first: 05:30Z
    expect(localToInstant('2026-11-01', '01:30', 'America/New_York')).toBe(Z(2026, 10, 1, 5, 30));
  });

  it('rejects malformed input', () => {
    expect(() => localToInstant('2026-02-30', '09:00', 'UTC')).toThrow(RangeError);
    expect(() => localToInstant('2026-01-12', '25:00', 'UTC')).toThrow(RangeError);
    expect(() => localToInstant('2026-01-12', '24:30', 'UTC')).toThrow(RangeError);
    expect(() => localToInstant('2026-01-12', '09:00', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('startOfLocalDay', () => {
  it('UTC', () => {
    expect(startOfLocalDay(Z(2026, 0, 12, 15, 30), 'UTC')).toBe(Z(2026, 0, 12));
    expect(startOfLocalDay(Z(2026, 0, 12), 'UTC')).toBe(Z(2026, 0, 12));
    expect(startOfLocalDay(Z(2026, 0, 12) - 1, 'UTC')).toBe(Z(2026, 0, 11));
  });

  it('Europe/Madrid (+01:00 in January)', () => {
    // 2026-01-12 00:30Z = 01:30 local on the 12th → 00:00 local = 11th 23:00Z
    expect(startOfLocalDay(Z(2026, 0, 12, 0, 30), 'Europe/Madrid')).toBe(Z(2026, 0, 11, 23));
    expect(startOfLocalDay(Z(2026, 0, 12, 23) - 1, 'Europe/Madrid')).toBe(Z(2026, 0, 11, 23));
    // 2026-01-12 23:00Z is already 00:00 local on the 13th
    expect(startOfLocalDay(Z(2026, 0, 12, 23), 'Europe/Madrid')).toBe(Z(2026, 0, 12, 23));
  });

  it('Asia/Kathmandu (+05:45)', () => {
    // 10:00Z = 15:45 local on the 12th → 12th 00:00 local = 11th 18:15Z
    expect(startOfLocalDay(Z(2026, 0, 12, 10), 'Asia/Kathmandu')).toBe(Z(2026, 0, 11, 18, 15));
    // 20:00Z = 01:45 local on the 13th → 13th 00:00 local = 12th 18:15Z
    expect(startOfLocalDay(Z(2026, 0, 12, 20), 'Asia/Kathmandu')).toBe(Z(2026, 0, 12, 18, 15));
  });

  it('on DST days', () => {
    // Madrid 2026-03-29 12:00Z (14:00 +02:00); its midnight was still +01:00 → 28th 23:00Z
    expect(startOfLocalDay(Z(2026, 2, 29, 12), 'Europe/Madrid')).toBe(Z(2026, 2, 28, 23));
    // the day after: 29th 22:30Z = Mon 00:30 (+02:00) → 29th 22:00Z
    expect(startOfLocalDay(Z(2026, 2, 29, 22, 30), 'Europe/Madrid')).toBe(Z(2026, 2, 29, 22));
    // Madrid 2026-10-25 12:00Z (13:00 +01:00); its midnight was still +02:00 → 24th 22:00Z
    expect(startOfLocalDay(Z(2026, 9, 25, 12), 'Europe/Madrid')).toBe(Z(2026, 9, 24, 22));
    // New York 2026-03-08 18:00Z (14:00 EDT); midnight was EST → 05:00Z
    expect(startOfLocalDay(Z(2026, 2, 8, 18), 'America/New_York')).toBe(Z(2026, 2, 8, 5));
    // São Paulo sprang forward at midnight on 2018-11-04 (00:00 −03:00 → 01:00 −02:00): the day
    // starts at 01:00 local = 03:00Z.
    expect(startOfLocalDay(Z(2018, 10, 4, 15), 'America/Sao_Paulo')).toBe(Z(2018, 10, 4, 3));
  });
});

describe('pauses in business hours', () => {
  // Mon 2026-01-12 10:00 local (09:00Z) + 480 min (one business day) → Tue 13th 10:00 local = 09:00Z
  const start = Z(2026, 0, 12, 9);
  const target = 480 * MIN;

  it('a pause covering a whole business day pushes the due by one business day', () => {
    expect(advance(MADRID_9_17, start, target)).toBe(Z(2026, 0, 13, 9));
    // pause Tue 09:00–17:00 local = [08:00Z, 16:00Z) → Wed 14th 10:00 local = 09:00Z
    expect(advance(MADRID_9_17, start, target, [[Z(2026, 0, 13, 8), Z(2026, 0, 13, 16)]])).toBe(Z(2026, 0, 14, 9));
    // the whole local Tuesday [12th 23:00Z, 13th 23:00Z) does the same
    expect(advance(MADRID_9_17, start, target, [[Z(2026, 0, 12, 23), Z(2026, 0, 13, 23)]])).toBe(Z(2026, 0, 14, 9));
    // unsorted, overlapping pieces of that Tuesday
    const pieces: Interval[] = [
      [Z(2026, 0, 13, 11), Z(2026, 0, 13, 16)],
      [Z(2026, 0, 13, 8), Z(2026, 0, 13, 12)],
    ];
    expect(advance(MADRID_9_17, start, target, pieces)).toBe(Z(2026, 0, 14, 9));
    // a pause outside business hours changes nothing (Mon 18:00 → Tue 08:00 local)
    expect(advance(MADRID_9_17, start, target, [[Z(2026, 0, 12, 17), Z(2026, 0, 13, 7)]])).toBe(Z(2026, 0, 13, 9));
    // Mon 09:00 → Wed 09:00 local is 16 business hours; 8 without the paused Tuesday
    expect(workingMsBetween(MADRID_9_17, Z(2026, 0, 12, 8), Z(2026, 0, 14, 8))).toBe(16 * H);
    expect(workingMsBetween(MADRID_9_17, Z(2026, 0, 12, 8), Z(2026, 0, 14, 8), pieces)).toBe(8 * H);
  });

  it('an open pause starting before the due gives Infinity', () => {
    // paused from Mon 12:00 local (11:00Z) for good
    expect(advance(MADRID_9_17, start, target, [[Z(2026, 0, 12, 11), Infinity]])).toBe(Infinity);
    // an open pause starting after the due (Tue 11:00 local) changes nothing
    expect(advance(MADRID_9_17, start, target, [[Z(2026, 0, 13, 10), Infinity]])).toBe(Z(2026, 0, 13, 9));
    // only Mon 10:00–12:00 local counts before the open pause
    expect(workingMsBetween(MADRID_9_17, start, Z(2026, 0, 16, 23), [[Z(2026, 0, 12, 11), Infinity]])).toBe(2 * H);
    expect(workingMsBetween(MADRID_9_17, start, Infinity, [[Z(2026, 0, 12, 11), Infinity]])).toBe(2 * H);
  });

  it('a zero duration returns the first working, unpaused instant', () => {
    // Sat 2026-01-10, paused until Mon 10:00 local → Mon 10:00 local = 09:00Z
    expect(advance(MADRID_9_17, Z(2026, 0, 10, 10), 0, [[Z(2026, 0, 10, 0), Z(2026, 0, 12, 9)]])).toBe(Z(2026, 0, 12, 9));
  });
});

describe('schedules without hours', () => {
  it('yield no intervals and never reach a due time', () => {
    for (const week of [{}, { mon: [] }, { tue: [['09:00', '09:00']] as [string, string][] }]) {
      const cal: Calendar = { kind: 'business', hours: { timeZone: 'Europe/Madrid', week, holidays: [] } };
      expect([...workingIntervals(cal, Z(2026, 0, 12))]).toEqual([]);
      expect(advance(cal, Z(2026, 0, 12), 60 * MIN)).toBe(Infinity);
      expect(advance(cal, Z(2026, 0, 12), 0)).toBe(Infinity);
      expect(workingMsBetween(cal, Z(2026, 0, 12), Z(2027, 0, 12))).toBe(0);
      expect(workingMsBetween(cal, Z(2026, 0, 12), Infinity)).toBe(0);
    }
  });

  it('give up after about five years of closed days', () => {
    // open on Mondays only, but every Monday of 2026–2032 is a holiday
    const holidays: string[] = [];
    for (let t = Z(2026, 0, 5); t < Z(2033, 0, 1); t += 7 * 24 * H) holidays.push(new Date(t).toISOString().slice(0, 10));
    const cal = business('UTC', ['mon'], [['09:00', '17:00']], holidays);
    expect(advance(cal, Z(2026, 0, 1), MIN)).toBe(Infinity);
    // a shorter holiday run is bridged: Mondays of 2026 only → Mon 2027-01-04 09:01Z
    const cal2026 = business(
      'UTC',
      ['mon'],
      [['09:00', '17:00']],
      holidays.filter((d) => d < '2027'),
    );
    expect(advance(cal2026, Z(2026, 0, 1), MIN)).toBe(Z(2027, 0, 4, 9, 1));
  });
});

describe('schedule handling', () => {
  it('notices a schedule edited in place after use', () => {
    const hours: BusinessHours = { timeZone: 'Europe/Madrid', week: { thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] }, holidays: [] };
    const cal: Calendar = { kind: 'business', hours };
    // Thu 2026-12-24 16:00 local + 120 min → Fri 25th 10:00 local = 09:00Z
    expect(advance(cal, Z(2026, 11, 24, 15), 120 * MIN)).toBe(Z(2026, 11, 25, 9));
    hours.holidays.push('2026-12-25');
    // only Thursdays and Fridays are open: Thu 31st 10:00 local = 09:00Z
    expect(advance(cal, Z(2026, 11, 24, 15), 120 * MIN)).toBe(Z(2026, 11, 31, 9));
    hours.week.fri![0]![1] = '12:00';
    expect(workingMsBetween(cal, Z(2027, 0, 1), Z(2027, 0, 2))).toBe(3 * H); // Fri 2027-01-01 09:00–12:00
  });

  it('merges overlapping pairs and rejects overnight pairs', () => {
    const overlapping = business(
      'UTC',
      ['mon'],
      [
        ['12:00', '15:00'],
        ['09:00', '13:00'],
      ],
    );
    expect(take(workingIntervals(overlapping, Z(2026, 0, 12)), 2)).toEqual([
      [Z(2026, 0, 12, 9), Z(2026, 0, 12, 15)],
      [Z(2026, 0, 19, 9), Z(2026, 0, 19, 15)],
    ]);
    const overnight = business('UTC', ['mon'], [['22:00', '06:00']]);
    expect(() => advance(overnight, Z(2026, 0, 12), MIN)).toThrow(RangeError);
  });
});

describe('consistency with a minute-by-minute reading of the local clock', () => {
  // An independent reference: a minute counts when its local weekday and HH:MM (read with Intl)
  // fall inside the schedule. Schedules avoid pairs that end inside a repeated fall-back hour.
  const weekdayFmt = new Map<string, Intl.DateTimeFormat>();
  function local(ts: number, zone: string) {
    let f = weekdayFmt.get(zone);
    if (!f) {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        weekday: 'short',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      });
      weekdayFmt.set(zone, f);
    }
    const p = Object.fromEntries(f.formatToParts(ts).map((x) => [x.type, x.value]));
    return { wd: p.weekday!.toLowerCase().slice(0, 3) as Weekday, date: `${p.year}-${p.month}-${p.day}`, min: (+p.hour! % 24) * 60 + +p.minute! };
  }
  const toMin = (s: string) => +s.slice(0, 2) * 60 + +s.slice(3, 5);
  function referenceMinutes(h: BusinessHours, a: number, b: number): number {
    let n = 0;
    for (let t = a; t < b; t += MIN) {
      const l = local(t, h.timeZone);
      if (h.holidays.includes(l.date)) continue;
      if ((h.week[l.wd] ?? []).some(([o, c]) => l.min >= toMin(o) && l.min < toMin(c))) n++;
    }
    return n;
  }
  const schedules: BusinessHours[] = [
    {
      timeZone: 'Europe/Madrid',
      week: {
        mon: [
          ['09:00', '13:00'],
          ['14:00', '18:00'],
        ],
        tue: [['09:00', '17:00']],
        wed: [['09:00', '17:00']],
        thu: [['09:00', '17:00']],
        fri: [['08:00', '15:00']],
        sat: [['10:00', '14:00']],
        sun: [
          ['00:00', '06:00'],
          ['22:00', '24:00'],
        ],
      },
      holidays: ['2026-03-30', '2026-10-23'],
    },
    {
      timeZone: 'America/New_York',
      week: {
        mon: [['08:30', '17:30']],
        wed: [['00:00', '24:00']],
        sat: [['01:00', '04:00']],
        sun: [
          ['00:30', '05:00'],
          ['12:00', '24:00'],
        ],
      },
      holidays: [],
    },
    { timeZone: 'Asia/Kathmandu', week: { sun: [['10:00', '17:00']], mon: [['10:00', '17:00']], fri: [['10:00', '15:00']] }, holidays: [] },
  ];
  // Random starts within a week either side of each 2026 change (minute-aligned).
  const anchors = [Z(2026, 2, 8), Z(2026, 2, 29), Z(2026, 9, 25), Z(2026, 10, 1), Z(2026, 5, 15)];

  it('workingMsBetween and advance agree with the reference and with each other', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: schedules.length - 1 }),
        fc.integer({ min: 0, max: anchors.length - 1 }),
        fc.integer({ min: -7 * 24 * 60, max: 4 * 24 * 60 }),
        fc.integer({ min: 0, max: 3 * 24 * 60 }),
        (si, ai, offsetMin, spanMin) => {
          const hours = schedules[si]!;
          const cal: Calendar = { kind: 'business', hours };
          const a = anchors[ai]! + offsetMin * MIN;
          const b = a + spanMin * MIN;
          const ms = workingMsBetween(cal, a, b);
          expect(ms).toBe(referenceMinutes(hours, a, b) * MIN);
          const due = advance(cal, a, ms);
          // the due is the earliest instant with that much working time (for 0: the next working instant)
          if (ms > 0) expect(due).toBeLessThanOrEqual(b);
          if (ms > 0) expect(workingMsBetween(cal, a, due - 1)).toBeLessThan(ms);
          expect(workingMsBetween(cal, a, due)).toBe(ms);
        },
      ),
      { numRuns: 40, seed: 20260329 },
    );
  });
});
