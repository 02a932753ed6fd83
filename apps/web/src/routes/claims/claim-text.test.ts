import { describe, expect, it } from 'vitest';
import { meterLine } from './claim-text.ts';

const split = (s: Partial<Record<'improved' | 'no_difference' | 'worsened' | 'mixed' | 'not_reported', number>>) => ({
  improved: 0,
  no_difference: 0,
  worsened: 0,
  mixed: 0,
  not_reported: 0,
  ...s,
});

describe('the claim meter as one plain line', () => {
  it('words the RCTs in the claim’s language, zero parts left out', () => {
    const meter = {
      all: split({ improved: 9 }),
      reviews: split({ improved: 1 }),
      rcts: split({ improved: 6, no_difference: 2, mixed: 1 }),
    };
    expect(meterLine(meter, 'nl')).toBe('6 van de 9 gerandomiseerde studies vonden een verbetering; 2 geen verschil; 1 gemengd.');
    expect(meterLine(meter, 'en')).toBe('6 of 9 randomised trials found an improvement; 2 no difference; 1 mixed.');
  });

  it('falls back to reviews, then all studies, then says there is nothing yet', () => {
    const none = split({});
    expect(meterLine({ all: split({ improved: 3 }), reviews: split({ worsened: 2 }), rcts: none }, 'en')).toBe(
      '0 of 2 meta-analyses and reviews found an improvement; 2 a worsening.',
    );
    expect(meterLine({ all: split({ improved: 1, not_reported: 1 }), reviews: none, rcts: none }, 'nl')).toBe(
      '1 van de 2 studies vonden een verbetering; 1 zonder gerapporteerde richting.',
    );
    expect(meterLine({ all: none, reviews: none, rcts: none }, 'nl')).toBe('Nog geen bevindingen voor de uitkomsten van deze claim.');
  });
});
