// What tests of the platform and of chain modules boot it with: the real platform against a fresh
// database, and the arrangements of districts through its API. Helpers that need no core live in
// @ketenhuis/testing.
import 'reflect-metadata';

export * from './test-database';
export * from './test-platform';
export * from './identity';
export * from './case-district';
export * from './fixture-effects';
export * from './typed-client';
