import type { LeadTimeKpi } from '@ketenhuis/sdk';
import { OUTCOME_STATES, S } from './case-types/snelrecht';
import { CASE_TYPE_ID, label } from './labels';

/** The lead times the Limburg pilot is judged on (domain brief §2, M). */
export const kpis: LeadTimeKpi[] = [
  {
    id: 'pv-tot-beslissing', caseType: CASE_TYPE_ID,
    title: label('Van PV tot beslissing', 'Du procès-verbal à la décision', 'Police report to decision'),
    from: { field: 'pvDate' }, to: { entered: OUTCOME_STATES },
  },
  {
    // A measure starts when the case enters execution follow-up: for mediation and measures the
    // platform moves it there when the justitiehuis starts the measure.
    id: 'beslissing-tot-start-maatregel', caseType: CASE_TYPE_ID,
    title: label('Van beslissing tot start van de maatregel', 'De la décision au début de la mesure', 'Decision to start of the measure'),
    from: { entered: OUTCOME_STATES }, to: { entered: S.opvolging },
  },
  {
    id: 'totale-doorlooptijd', caseType: CASE_TYPE_ID,
    title: label('Totale doorlooptijd', 'Délai total de traitement', 'Total lead time'),
    from: { field: 'pvDate' }, to: { entered: S.afgesloten },
  },
];
