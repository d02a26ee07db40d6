import { join } from 'node:path';
import { loadInstalledModules } from '../../kernel/modules/load-installed';
import { ModuleRegistry } from '../../kernel/modules/module-registry';
import { chainPackagesIn, workflowDocuments, workflowDocumentsDrift, WORKFLOW_INDEX_FILE } from './diagram-documents';

const root = join(__dirname, '..', '..', '..', '..', '..');

/**
 * The committed pages of docs/workflows against what the chain modules of this repository render
 * now. The modules are loaded by package name and validated as the platform does at boot (under
 * jest the names resolve to their sources), so a page can only pass for a definition that runs.
 */
describe('docs/workflows', () => {
  const packages = chainPackagesIn(join(root, 'modules'));
  const modules = new ModuleRegistry(loadInstalledModules(packages)).modules;
  const expected = workflowDocuments(modules);

  it('holds exactly the pages the workflow definitions render', () => {
    const problems = workflowDocumentsDrift(join(root, 'docs', 'workflows'), expected, 'docs/workflows');
    if (problems.length) throw new Error(`docs/workflows does not match the workflow definitions:\n  - ${problems.join('\n  - ')}`);
  });

  it('has a page for every case type of every chain module in modules/', () => {
    const pages = modules.flatMap((m) => (m.caseTypes ?? []).map((t) => `${m.id}-${t.id}.md`)).sort();
    expect(expected.map((d) => d.file).filter((f) => f !== WORKFLOW_INDEX_FILE)).toEqual(pages);
    expect(modules.map((m) => m.id).length).toBe(packages.length);
  });
});
