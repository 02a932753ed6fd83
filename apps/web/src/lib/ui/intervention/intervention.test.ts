import { describe, expect, it } from 'vitest';
import { interventionValue, parameterLabel } from './intervention.ts';

// A synthetic abstract; the evidence offsets point at the value as the tagger stores them.
const abstract = 'Participants practised for 12 weeks with sham stimulation at 25 Hz for six-month follow-up.';
const at = (value: string) => ({ field: 'abstract', start: abstract.indexOf(value), end: abstract.indexOf(value) + value.length });

describe('intervention details in words', () => {
  it('gives a duration the unit the abstract states after its value (the tagger stores none)', () => {
    expect(interventionValue({ parameter: 'duration', value: '12', unit: null, evidence: at('12') }, abstract)).toBe('12 weeks');
    expect(interventionValue({ parameter: 'duration', value: 'six', unit: null, evidence: at('six') }, abstract)).toBe('6 months');
  });

  it('keeps stored units and words the ones that need it', () => {
    expect(interventionValue({ parameter: 'frequency', value: '25', unit: 'Hz', evidence: at('25') }, abstract)).toBe('25 Hz');
    expect(interventionValue({ parameter: 'session_count', value: '1', unit: 'sessions', evidence: null }, abstract)).toBe('1 session');
    expect(interventionValue({ parameter: 'session_count', value: 'ten', unit: 'sessions', evidence: null }, abstract)).toBe('10 sessions');
  });

  it('names parameters and control types instead of showing their keys', () => {
    expect(parameterLabel('control_type')).toBe('Control group');
    expect(parameterLabel('duration')).toBe('Treatment duration');
    expect(interventionValue({ parameter: 'control_type', value: 'treatment_as_usual', unit: null, evidence: null }, abstract)).toBe(
      'usual care',
    );
    expect(parameterLabel('some_new_parameter')).toBe('some new parameter');
  });
});
