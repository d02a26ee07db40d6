import { TOKENS, type PlatformFeature } from '@ketenhuis/sdk';
import { workflowRoutes } from './routes';
import { SystemWorkflows } from './system-workflows';

/** Transitions are allowed by each chain's own permissions; this area declares none. */
export const workflowsFeature: PlatformFeature = {
  id: 'core.workflows',
  providers: [{ token: TOKENS.Workflows, useValue: new SystemWorkflows() }],
  routes: workflowRoutes,
};
