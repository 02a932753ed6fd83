// Intervention details as a reader sees them: the tagger's parameter keys and control values in
// words of the reader's language, and each value with its unit. The tagger stores no unit for a
// duration ("for 12 weeks" → 12), so the unit is read back from the abstract right after the value.
import { m } from '#lib/paraglide/messages.js';

const PARAMETERS: Record<string, () => string> = {
  frequency: m.int_param_frequency,
  pulse_width: m.int_param_pulse_width,
  intensity: m.int_param_intensity,
  ear_site: m.int_param_ear_site,
  sham_type: m.int_param_sham_type,
  session_length: m.int_param_session_length,
  session_count: m.int_param_session_count,
  duration: m.int_param_duration,
  breathing_rate: m.int_param_breathing_rate,
  control_type: m.int_param_control_type,
};

const CONTROLS: Record<string, () => string> = {
  waitlist: m.int_control_waitlist,
  treatment_as_usual: m.int_control_treatment_as_usual,
  sham: m.int_control_sham,
  placebo: m.int_control_placebo,
  active_control: m.int_control_active_control,
};

/** Units whose words differ between languages; the rest (Hz, mA, µs, ms, min) read the same everywhere. */
const UNITS: Record<string, { one: () => string; other: () => string }> = {
  sessions: { one: m.int_unit_session_one, other: m.int_unit_session_other },
  h: { one: m.int_unit_hour_one, other: m.int_unit_hour_other },
  'breaths/min': { one: m.int_unit_breaths_per_minute, other: m.int_unit_breaths_per_minute },
  day: { one: m.int_unit_day_one, other: m.int_unit_day_other },
  week: { one: m.int_unit_week_one, other: m.int_unit_week_other },
  month: { one: m.int_unit_month_one, other: m.int_unit_month_other },
};

const NUMBER_WORDS: Record<string, number> = {
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  forty: 40,
};

export interface InterventionTagLike {
  parameter: string | null;
  value: string;
  unit: string | null;
  evidence: { field: string; start: number; end: number } | null;
}

export const parameterLabel = (parameter: string) => PARAMETERS[parameter]?.() ?? parameter.replace(/_/g, ' ');

/** A duration's unit from the words after its value in the abstract ("12 weeks", "six-month"). */
function durationUnit(tag: InterventionTagLike, abstract: string | null): string | null {
  if (tag.evidence?.field !== 'abstract' || !abstract) return null;
  const after = /^[- ](day|week|month)s?\b/i.exec(abstract.slice(tag.evidence.end, tag.evidence.end + 10));
  return after ? after[1]!.toLowerCase() : null;
}

/** The value as a reader reads it: a control type in words, a number with its unit ("12 weeks", "25 Hz"). */
export function interventionValue(tag: InterventionTagLike, abstract: string | null): string {
  if (tag.parameter === 'control_type') return CONTROLS[tag.value]?.() ?? tag.value.replace(/_/g, ' ');
  const unit = tag.unit ?? (tag.parameter === 'duration' ? durationUnit(tag, abstract) : null);
  if (!unit) return tag.value;
  const value = NUMBER_WORDS[tag.value.toLowerCase()] !== undefined ? String(NUMBER_WORDS[tag.value.toLowerCase()]) : tag.value;
  const words = UNITS[unit];
  if (!words) return `${value} ${unit}`;
  return `${value} ${value === '1' ? words.one() : words.other()}`;
}
