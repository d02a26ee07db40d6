// Test helpers that need no platform: synthetic data, a hand-moved clock, waiting for outcomes,
// the fixture chain module and assertions on responses and logs. Helpers that boot the platform
// are @ketenhuis/core/testing.
export * from './fixture-module';
export * from './eventually';
export * from './synthetic';
export * from './manual-clock';
export * from './problem';
export * from './jest-expect';
export * from './log-capture';
