export * from './case-workflow';
export * from './apply-transition';
export * from './routes';
export * from './diagram-documents';
