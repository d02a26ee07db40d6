import { pick, type Rng } from './prng';

// Common Flemish given names and surnames, combined at random: no combination stands for anyone.
const FEMALE = ['Anke', 'Annelies', 'Els', 'Femke', 'Griet', 'Hanne', 'Ilse', 'Katrien', 'Lien', 'Marie', 'Nele', 'Sofie', 'Tine', 'Veerle', 'Wendy', 'Zoë'];
const MALE = ['Bart', 'Dirk', 'Geert', 'Hans', 'Jan', 'Jef', 'Koen', 'Lieven', 'Maarten', 'Pieter', 'Rik', 'Stijn', 'Tom', 'Wim', 'Wout', 'Joris'];
const SURNAMES = [
  'Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet',
  'Van den Broeck', 'Vermeulen', 'De Backer', 'Verstraete', 'Van Damme', 'Dewulf', 'Van de Velde', 'Declercq',
  'Hermans', 'Aerts', 'Segers', 'Vandenberghe', 'Lambrechts', 'Vanhoutte',
];

export interface SyntheticName {
  firstName: string;
  lastName: string;
  sex: 'M' | 'F';
}

/** A made-up Flemish name; pass `sex` to match a synthetic national number. */
export function syntheticName(rng: Rng, opts: { sex?: 'M' | 'F' } = {}): SyntheticName {
  const sex = opts.sex ?? pick(rng, ['M', 'F'] as const);
  return { firstName: pick(rng, sex === 'M' ? MALE : FEMALE), lastName: pick(rng, SURNAMES), sex };
}
