import type { EventHandlerDefinition, ReferralEventPayload, TenantScope } from './index';

// `npm run typecheck` compiles this file: each `@ts-expect-error` fails the build the day core's
// events stop checking their payloads.
async function typedEvents(scope: TenantScope): Promise<void> {
  await scope.publish({ type: 'core.case-registered', aggregateType: 'case', aggregateId: 'c', payload: { chain: 'm', caseType: 'snelrecht' } });
  // @ts-expect-error a case registration names its case type
  await scope.publish({ type: 'core.case-registered', aggregateType: 'case', aggregateId: 'c', payload: { chain: 'm' } });
  // @ts-expect-error events carry ids and codes, no objects
  await scope.publish({ type: 'm.hearing-planned', aggregateType: 'case', aggregateId: 'c', payload: { person: { name: 'x' } } });
  await scope.publish({ type: 'm.hearing-planned', aggregateType: 'case', aggregateId: 'c', payload: { hearingDate: '2026-12-08' } });
}

const completed: EventHandlerDefinition<'core.referral-completed'> = {
  id: 'x.on-completed',
  eventType: 'core.referral-completed',
  async handle(event) {
    const payload: ReferralEventPayload = event.payload;
    // @ts-expect-error a referral event says nothing of hearings
    void event.payload.hearingDate;
    void payload;
  },
};

describe('typed events', () => {
  it('type a core event handler\'s payload from its event type', () => {
    expect(completed.eventType).toBe('core.referral-completed');
    expect(typedEvents).toBeInstanceOf(Function);
  });
});
