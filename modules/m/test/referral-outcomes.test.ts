import { stepsFor } from '../src/events/referral-outcomes';

// Where the justitiehuis's news moves a mediation-and-measures case, from each state it may be in.
describe('what a referral outcome does to the case', () => {
  it('starts the follow-up when the measure starts, and closes the case when it is completed', () => {
    expect(stepsFor('started', 'bemiddeling-en-maatregelen')).toEqual(['start-maatregel']);
    expect(stepsFor('completed', 'opvolging-uitvoering')).toEqual(['stel-naleving-vast']);
  });

  it('takes both steps when the completion is seen before the start', () => {
    expect(stepsFor('completed', 'bemiddeling-en-maatregelen')).toEqual(['start-maatregel', 'stel-naleving-vast']);
  });

  it('hands a refused or failed measure back to the magistrate instead of inventing a summons', () => {
    expect(stepsFor('refused', 'bemiddeling-en-maatregelen')).toEqual(['leg-voor-aan-magistraat']);
    expect(stepsFor('failed', 'opvolging-uitvoering')).toEqual(['leg-voor-aan-magistraat']);
    expect(stepsFor('failed', 'bemiddeling-en-maatregelen')).toEqual(['leg-voor-aan-magistraat']);
  });

  it('does nothing when the case has moved on (the same news twice, or a person acted first)', () => {
    expect(stepsFor('started', 'opvolging-uitvoering')).toEqual([]);
    expect(stepsFor('completed', 'afgesloten')).toEqual([]);
    expect(stepsFor('refused', 'heroverweging')).toEqual([]);
    expect(stepsFor('refused', 'opvolging-uitvoering')).toEqual([]);
    expect(stepsFor('failed', 'heroverweging')).toEqual([]);
  });
});
