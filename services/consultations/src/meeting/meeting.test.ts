import { DomainError } from '@aiplat/contracts';
import { describe, expect, it } from 'vitest';
import { decideHold } from './meeting';

describe('recording that a meeting was held', () => {
  const startsAt = '2026-12-10T02:00:00.000Z';

  it('is refused before the meeting starts, with the reason and the start as parameters', () => {
    const refused = decideHold({ status: 'scheduled', startsAt }, new Date('2026-12-07T02:00:00.000Z'));
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).toWire()).toMatchObject({
      code: 'conflict',
      details: { reason: 'meeting_not_started', startsAt },
    });
  });

  it('is allowed from the start on', () => {
    expect(decideHold({ status: 'scheduled', startsAt }, new Date(startsAt))).toBe('held');
    expect(decideHold({ status: 'scheduled', startsAt }, new Date('2026-12-11T00:00:00.000Z'))).toBe('held');
  });

  it('is refused for a meeting already held, whatever the time', () => {
    const again = decideHold({ status: 'held', startsAt }, new Date('2026-12-11T00:00:00.000Z'));
    expect((again as DomainError).toWire()).toMatchObject({
      code: 'conflict',
      details: { allowedMoves: ['approve_minutes'] },
    });
  });
});
