import type { Actor, GuardContext, GuardResult, TenantScope } from '@ketenhuis/sdk';
import { addCalendarDuration, dayInBrussels, mondayOf } from '../src/calendar';
import { summonsWindow } from '../src/guards/summons-window';
import { hearingNotInThePast, paymentDueNotInThePast } from '../src/guards/not-in-the-past';

const actor: Actor = { subject: 'test', roles: [], permissions: new Set() };
const ctx = (now: string, input: Record<string, unknown>): GuardContext => ({
  caseId: '00000000-0000-4000-8000-000000000001', chain: 'm', caseType: 'snelrecht', state: 'hoorzitting', action: 'beslis-oproeping',
  fields: {}, input, actor, now: new Date(now),
});
// The guards read only their context; a scope they touched would be a bug.
const noScope = {} as TenantScope;
const summons = (now: string, summonsHearingDate: unknown) => summonsWindow(ctx(now, { summonsHearingDate }), noScope) as GuardResult;

describe('calendar days in Brussels', () => {
  it('names the Brussels day of an instant, across midnight and daylight saving time', () => {
    expect(dayInBrussels(new Date('2026-03-04T22:59:00Z'))).toBe('2026-03-04');
    expect(dayInBrussels(new Date('2026-03-04T23:00:00Z'))).toBe('2026-03-05');
    // Summer time: midnight in Brussels is 22:00 UTC.
    expect(dayInBrussels(new Date('2026-07-14T21:59:00Z'))).toBe('2026-07-14');
    expect(dayInBrussels(new Date('2026-07-14T22:00:00Z'))).toBe('2026-07-15');
  });

  it('adds months date to date, landing on the last day of a shorter month', () => {
    expect(addCalendarDuration('2026-01-31', 'P1M')).toBe('2026-02-28');
    expect(addCalendarDuration('2027-12-31', 'P2M')).toBe('2028-02-29');
    expect(addCalendarDuration('2025-12-31', 'P2M')).toBe('2026-02-28');
    expect(addCalendarDuration('2026-08-31', 'P2M')).toBe('2026-10-31');
    expect(addCalendarDuration('2026-11-30', 'P3M')).toBe('2027-02-28');
    expect(addCalendarDuration('2026-01-25', 'P10D')).toBe('2026-02-04');
    expect(addCalendarDuration('2026-12-28', 'P1W')).toBe('2027-01-04');
    expect(() => addCalendarDuration('2026-01-01', 'PT48H')).toThrow(/calendar duration/);
  });

  it('finds the Monday of a week, also across a year end', () => {
    expect(mondayOf('2026-03-02')).toBe('2026-03-02');
    expect(mondayOf('2026-03-08')).toBe('2026-03-02');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
  });
});

describe('summons by PV: the hearing between ten days and two months (art. 216quater Sv.)', () => {
  const now = '2026-03-04T08:00:00Z'; // Wednesday 4 March, 09:00 in Brussels

  it('accepts the first and the last day of the window, whatever the hour', () => {
    expect(summons(now, '2026-03-14T00:00:00+01:00')).toBe(true);
    expect(summons(now, '2026-03-14T16:30:00+01:00')).toBe(true);
    expect(summons(now, '2026-04-15T09:00:00+02:00')).toBe(true);
    expect(summons(now, '2026-05-04T23:30:00+02:00')).toBe(true);
  });

  it('refuses a hearing one day too early or too late, naming the field and the window', () => {
    expect(summons(now, '2026-03-13T23:59:00+01:00')).toEqual({ field: 'summonsHearingDate', detail: expect.stringContaining('between 2026-03-14 and 2026-05-04') });
    expect(summons(now, '2026-05-05T09:00:00+02:00')).toEqual({ field: 'summonsHearingDate', detail: expect.stringContaining('216quater') });
  });

  it('counts Brussels days, not UTC days', () => {
    // 22:30 UTC on 4 May is already 5 May in Brussels: one day too late.
    expect(summons(now, '2026-05-04T22:30:00Z')).toMatchObject({ field: 'summonsHearingDate' });
    // At 00:30 in Brussels on 5 March (23:30 UTC on the 4th) "today" is the 5th.
    expect(summons('2026-03-04T23:30:00Z', '2026-03-14T10:00:00+01:00')).toMatchObject({ field: 'summonsHearingDate' });
    expect(summons('2026-03-04T23:30:00Z', '2026-03-15T10:00:00+01:00')).toBe(true);
  });

  it('ends the two months on the last day of a shorter month', () => {
    expect(summons('2025-12-31T10:00:00Z', '2026-02-28T09:00:00+01:00')).toBe(true);
    expect(summons('2025-12-31T10:00:00Z', '2026-03-01T09:00:00+01:00')).toMatchObject({ field: 'summonsHearingDate' });
    expect(summons('2027-12-31T10:00:00Z', '2028-02-29T09:00:00+01:00')).toBe(true);
    expect(summons('2026-08-31T10:00:00Z', '2026-10-31T09:00:00+01:00')).toBe(true);
    expect(summons('2026-08-31T10:00:00Z', '2026-11-01T09:00:00+01:00')).toMatchObject({ field: 'summonsHearingDate' });
    // The ten days run on into the next month.
    expect(summons('2026-01-25T10:00:00Z', '2026-02-03T09:00:00+01:00')).toMatchObject({ field: 'summonsHearingDate' });
    expect(summons('2026-01-25T10:00:00Z', '2026-02-04T09:00:00+01:00')).toBe(true);
  });

  it('refuses a missing or malformed date with a 400 on the field rather than a crash', () => {
    expect(summons(now, undefined)).toMatchObject({ field: 'summonsHearingDate' });
    expect(summons(now, 'volgende week')).toMatchObject({ field: 'summonsHearingDate' });
    expect(summons(now, 42)).toMatchObject({ field: 'summonsHearingDate' });
  });
});

describe('dates an action plans lie today or later', () => {
  const now = '2026-03-04T08:00:00Z';
  it('accepts today and later, refuses yesterday', () => {
    expect(hearingNotInThePast(ctx(now, { hearingDate: '2026-03-04T07:00:00+01:00' }), noScope)).toBe(true);
    expect(hearingNotInThePast(ctx(now, { hearingDate: '2026-03-03T23:00:00+01:00' }), noScope)).toEqual({ field: 'hearingDate', detail: 'must not lie before today (2026-03-04)' });
    expect(paymentDueNotInThePast(ctx(now, { paymentDueDate: '2026-03-04' }), noScope)).toBe(true);
    expect(paymentDueNotInThePast(ctx(now, { paymentDueDate: '2026-04-03' }), noScope)).toBe(true);
    expect(paymentDueNotInThePast(ctx(now, { paymentDueDate: '2026-03-03' }), noScope)).toMatchObject({ field: 'paymentDueDate' });
  });
});
