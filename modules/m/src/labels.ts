import type { LocalizedText } from '@ketenhuis/sdk';

/** A label in the order users read them: Dutch, French, English. */
export const label = (nl: string, fr: string, en: string): LocalizedText => ({ nl, fr, en });

export const CHAIN_ID = 'm';
export const CASE_TYPE_ID = 'snelrecht';
