import type { ChainRoute } from '@ketenhuis/sdk';

/** A core route: the module route shape, mounted under /api/v1; the permission is optional. */
export type CoreRoute = Omit<ChainRoute, 'permission'> & {
  permission?: string;
  /**
   * `optional`: a user with several memberships may call the route without choosing one in
   * X-Acting-Organisation (e.g. /me, which lists the choices); elsewhere that is a 400.
   */
  actingOrganisation?: 'optional';
};
