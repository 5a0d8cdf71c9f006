// A time zone in which it is the afternoon whenever a test runs. Tests about "today" use it, so that the local
// day does not begin again while they run, and a day has hours behind it (a run at 00:10 UTC had neither).
// Etc/GMT's sign is inverted: Etc/GMT-14 is UTC+14.

/** The whole-hour offset from UTC (−12…+14) that puts `now` at 14:xx local time, or as near as the zones allow. */
export function afternoonOffsetHours(now = Date.now()): number {
  return Math.min(14, Math.max(-12, 14 - new Date(now).getUTCHours()));
}

/** The IANA name of the zone whose local time is UTC + `offsetH`. */
export function zoneOfOffset(offsetH: number): string {
  return offsetH === 0 ? 'Etc/UTC' : `Etc/GMT${offsetH > 0 ? '-' : '+'}${Math.abs(offsetH)}`;
}

/** A zone in which `now` is in the afternoon. */
export function afternoonZone(now = Date.now()): string {
  return zoneOfOffset(afternoonOffsetHours(now));
}
