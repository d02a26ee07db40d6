export interface DefinitionProblem {
  moduleId: string;
  field: string;
  message: string;
}

/** Refuses a boot: names each module and field that is wrong, so the author can fix it at once. */
export class ModuleDefinitionError extends Error {
  constructor(readonly problems: DefinitionProblem[]) {
    super(
      `Refusing to start: ${problems.length} problem(s) in chain module definitions:\n` +
        problems.map((p) => `  - module "${p.moduleId}", ${p.field}: ${p.message}`).join('\n'),
    );
    this.name = 'ModuleDefinitionError';
  }
}
