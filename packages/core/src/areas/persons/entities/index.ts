import { PersonEntity } from './person.entity';

export { PersonEntity };

export const personsEntities: Function[] = [PersonEntity];
