import type { Settings } from '../core/config.ts';
import { toDay, type Day } from '../core/dates.ts';
import { buildDigest, DIGEST_STORIES, digestSince, type Digest } from '../core/digest.ts';
import { messages } from '../core/messages.ts';
import { buildReport, reportPeriod } from '../core/report.ts';
import { buildCalendar, buildRhythm, rhythmSettings, type TeamCalendar } from '../core/rhythm.ts';
import type { Store } from '../store/store.ts';
import { reportInput } from './report.ts';

/** The digest since a day, since the last digest, or over the default period; with what to tell the reader about that choice. */
export function loadDigest(store: Store, input: { since: Day | 'last-digest' | undefined; settings: Settings }, now: Date): { digest: Digest; notices: string[] } {
  const today = toDay(now);
  const { settings, since } = input;
  return store.read(() => {
    const notices: string[] = [];
    const last = store.rhythm.lastDigestOn();
    const start = digestSince(today, since, last);
    if (since === 'last-digest' && last === null) notices.push(messages.noDigestYet);
    if (since === 'last-digest' && last !== null && last >= today) notices.push(messages.digestAgainToday(today));
    const period = reportPeriod({ since: start.since, until: today, lastMeeting: store.report.lastMeetingOn(today), driftWeeks: settings['report.drift_weeks'] });
    const report = buildReport(period, reportInput(store, period));
    const rhythm = buildRhythm({ ...store.rhythm.input(today), settings: rhythmSettings(settings) });
    const [latest = []] = store.stories.pages({ since: period.since, until: period.until, limit: DIGEST_STORIES });
    const stories = latest.map((s) => ({ id: s.id, occurredOn: s.occurredOn, people: s.staff, text: s.text }));
    return { digest: buildDigest(report, rhythm, stories, settings['team.name'], start.basis), notices };
  });
}

/** Remembers today's digest: the next `--since last-digest` starts after it. */
export function recordDigest(store: Store, now: Date): void {
  store.transaction(() => store.rhythm.recordDigest(toDay(now)));
}

/** The team's rhythm as calendar events (meetings, interviews, reviews, sessions), under the team's kept identity. */
export function loadCalendar(store: Store, input: { settings: Settings }, now: Date): TeamCalendar {
  const today = toDay(now);
  const { settings } = input;
  // The identity is made on first use: a write.
  const { team, rhythm } = store.transaction(() => ({ team: store.rhythm.teamIdentity(today), rhythm: store.rhythm.input(today) }));
  return buildCalendar(buildRhythm({ ...rhythm, settings: rhythmSettings(settings) }), { name: settings['team.name'], ...team }, settings['interview.interval_days']);
}
