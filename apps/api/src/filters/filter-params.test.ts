import { describe, expect, it } from 'vitest';
import { filtersFromSearchParams } from './filter-params.ts';

describe('filters in a URL', () => {
  it('reads repeated and single parameters, leaving out empty values and defaults', () => {
    const params = new URLSearchParams(
      'topic=tvns&topic=eft&topic=&outcome=hrv&match=any&retracted=include&year_from=%202010%20&q=&reviewed=true&other=x',
    );
    expect(filtersFromSearchParams(params)).toEqual({ topic: ['tvns', 'eft'], outcome: ['hrv'], year_from: '2010', reviewed: 'true' });
  });

  it('keeps a value other than the default', () => {
    expect(filtersFromSearchParams(new URLSearchParams('match=all&retracted=exclude'))).toEqual({ match: 'all', retracted: 'exclude' });
  });
});
