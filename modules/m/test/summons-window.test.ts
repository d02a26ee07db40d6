import { legalCalendar } from '@ketenhuis/core';
import type { Actor, GuardContext, GuardResult, TenantScope } from '@ketenhuis/sdk';
import { summonsWindow } from '../src/guards/summons-window';
import { hearingNotInThePast, paymentDueNotInThePast } from '../src/guards/not-in-the-past';

const actor: Actor = { subject: 'test', roles: [], permissions: new Set() };
const ctx = (now: string, input: Record<string, unknown>): GuardContext => ({
  caseId: '00000000-0000-4000-8000-000000000001', chain: 'm', caseType: 'snelrecht', state: 'hoorzitting', action: 'beslis-oproeping',
  fields: {}, input, actor, now: new Date(now),
});
// The guards read their context and the platform's legal calendar, nothing else.
const scope = { resolve: () => legalCalendar } as unknown as TenantScope;
const summons = (now: string, summonsHearingDate: unknown) => summonsWindow(ctx(now, { summonsHearingDate }), scope) as GuardResult;

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
    expect(hearingNotInThePast(ctx(now, { hearingDate: '2026-03-04T07:00:00+01:00' }), scope)).toBe(true);
    expect(hearingNotInThePast(ctx(now, { hearingDate: '2026-03-03T23:00:00+01:00' }), scope)).toEqual({ field: 'hearingDate', detail: 'must not lie before today (2026-03-04)' });
    expect(paymentDueNotInThePast(ctx(now, { paymentDueDate: '2026-03-04' }), scope)).toBe(true);
    expect(paymentDueNotInThePast(ctx(now, { paymentDueDate: '2026-04-03' }), scope)).toBe(true);
    expect(paymentDueNotInThePast(ctx(now, { paymentDueDate: '2026-03-03' }), scope)).toMatchObject({ field: 'paymentDueDate' });
  });
});
