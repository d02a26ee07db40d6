export { caseRoutes } from './routes';
export { formatCaseReference, registerCase, REGISTERING_ROLE, type CaseRegistration, type Confidentiality } from './case-registration';
export { visibleCaseSql, viewerOf, type Viewer } from './case-access';
