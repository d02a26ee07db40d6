export * from './mod97';
export * from './national-number';
export * from './kbo';
export * from './pv-number';
