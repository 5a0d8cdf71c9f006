// Wall clock in the board's time zone, with the date and the zone's name and offset.
import { formatClock, formatDay, formatOffset } from '../format.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { useNow } from '../live/clock.ts';

export function Clock() {
  const { locale, timeZone } = useI18n();
  const now = useNow();
  return (
    <div className="clock">
      <time className="clock-time" data-testid="clock" dateTime={new Date(now).toISOString()}>
        {formatClock(now, timeZone, locale)}
      </time>
      <div className="clock-meta">
        <span className="clock-day">{formatDay(now, timeZone, locale)}</span>
        <span className="clock-tz" data-testid="time-zone" data-tz={timeZone}>
          {timeZone.replace(/_/g, ' ')} · {formatOffset(now, timeZone, locale)}
        </span>
      </div>
    </div>
  );
}
