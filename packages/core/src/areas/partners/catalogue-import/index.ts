export * from './read-catalogue';
export * from './plan';
export * from './apply';
