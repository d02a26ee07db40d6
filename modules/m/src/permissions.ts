import type { CorePermission, FunctionId } from '@ketenhuis/sdk';

/**
 * Permissions of chain M and the functions that get them by default; a district adjusts grants
 * per function (core's function grants). Registering a case is core's `core.case.register`.
 */
export const M_PERMISSIONS = {
  /** Plan the hearing of a case the police made decision-ready. */
  planHearing: 'm.hearing.plan',
  /** Take the magistrate's decision on the case (an outcome, or the summons). */
  decide: 'm.case.decide',
  /** Record how an outcome is carried out: payment, start and completion of measures, failure. */
  followUp: 'm.execution.follow-up',
  /** Close a case whose outcome needs nothing more. */
  close: 'm.case.close',
  /** The chain's dashboard: open cases per state, deadlines due, this week's hearings. */
  readDashboard: 'm.dashboard.read',
} as const;

export type MPermission = (typeof M_PERMISSIONS)[keyof typeof M_PERMISSIONS];

export const permissions: MPermission[] = Object.values(M_PERMISSIONS);

const { planHearing, decide, followUp, close, readDashboard } = M_PERMISSIONS;

/**
 * Deciding is the magistrate's (the procureur des Konings acts through the magistrates of the
 * section); juristen and criminologen prepare and follow up. The police invite the suspect to the
 * hearing when they hand over the decision-ready file, so they may plan it.
 */
export const grants: Partial<Record<FunctionId, (MPermission | CorePermission)[]>> = {
  magistraat: [planHearing, decide, followUp, close, readDashboard],
  parketjurist: [planHearing, followUp, close, readDashboard],
  parketcriminoloog: [followUp, readDashboard],
  'administratief-medewerker': [planHearing, followUp, close, readDashboard],
  'politie-inspecteur': [planHearing],
  analist: [readDashboard],
};
