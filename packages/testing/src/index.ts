export * from './test-database';
export * from './test-platform';
export * from './fixture-module';
export * from './eventually';
export * from './synthetic';
export * from './manual-clock';
