import { describe, expect, it } from 'vitest';
import { continuousYears } from './years.ts';

describe('continuousYears', () => {
  it('fills the years between the first and the last with 0, oldest first', () => {
    expect(
      continuousYears([
        { year: 2024, count: 5 },
        { year: 2019, count: 2 },
        { year: 2021, count: 1 },
      ]),
    ).toEqual([
      { year: 2019, count: 2 },
      { year: 2020, count: 0 },
      { year: 2021, count: 1 },
      { year: 2022, count: 0 },
      { year: 2023, count: 0 },
      { year: 2024, count: 5 },
    ]);
  });

  it('has no years without studies at all', () => {
    expect(continuousYears([])).toEqual([]);
  });
});
