export * from './embedded/embedded-postgres';
