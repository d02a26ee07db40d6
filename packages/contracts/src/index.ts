export * from './openapi-document';
export * from './client';
export type { paths as CorePaths, components as CoreComponents } from './generated/core';
