export * from './prng';
export * from './national-number';
export * from './kbo';
export * from './names';
