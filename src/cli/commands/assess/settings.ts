import type { Settings } from '../../../core/config.ts';
import type { AssessSettings } from '../../../app/assess.ts';

/** The check-in's settings from the team's config. */
export function assessSettings(settings: Settings): AssessSettings {
  return { intervalDays: settings['assess.interval_days'], attributed: settings['assess.attributed'] };
}
