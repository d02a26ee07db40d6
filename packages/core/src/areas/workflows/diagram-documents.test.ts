import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineChainModule, type CaseTypeDefinition } from '@ketenhuis/sdk';
import { chainPackagesIn, renderWorkflowDiagram, workflowDocuments, workflowDocumentsDrift } from './diagram-documents';

const caseType = (id: string): CaseTypeDefinition => ({
  id, title: { nl: `Type ${id}` },
  workflow: {
    initial: 'open',
    states: [{ id: 'open', title: { nl: 'Open' } }, { id: 'dicht', title: { nl: 'Dicht' }, final: true }],
    transitions: [{ action: 'sluiten', from: 'open', to: 'dicht', permission: `${id}.case.close` }],
  },
});
const chain = (id: string, ...types: string[]) =>
  defineChainModule({ id, title: { nl: `Keten ${id}` }, version: '1.0.0', permissions: [], caseTypes: types.map(caseType) });

describe('workflowDocuments', () => {
  it('writes one page per case type and an index, sorted by file name whatever the module order', () => {
    const docs = workflowDocuments([chain('zeden', 'dossier'), chain('m', 'snelrecht', 'bijzonder'), chain('geen')]);
    expect(docs.map((d) => d.file)).toEqual(['README.md', 'm-bijzonder.md', 'm-snelrecht.md', 'zeden-dossier.md']);
    expect(docs.find((d) => d.file === 'm-snelrecht.md')!.content).toBe(renderWorkflowDiagram(chain('m', 'snelrecht', 'bijzonder'), 'snelrecht'));
    const index = docs.find((d) => d.file === 'README.md')!.content;
    expect(index).toContain('| Keten m (`m`) | Type bijzonder (`bijzonder`) | [m-bijzonder.md](m-bijzonder.md) |');
    expect(index.indexOf('m-bijzonder.md')).toBeLessThan(index.indexOf('zeden-dossier.md'));
    expect(workflowDocuments([chain('m', 'snelrecht', 'bijzonder'), chain('zeden', 'dossier')])).toEqual(docs);
  });

  it('says so in the index when no module declares a case type', () => {
    const docs = workflowDocuments([]);
    expect(docs.map((d) => d.file)).toEqual(['README.md']);
    expect(docs[0].content).toContain('No chain module in `modules/` declares a case type yet.');
  });

  it('refuses two case types that would share a page', () => {
    expect(() => workflowDocuments([chain('a', 'b-c'), chain('a-b', 'c')]))
      .toThrow('case types "a/b-c" and "a-b/c" would both be documented in a-b-c.md');
  });
});

describe('workflowDocumentsDrift', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'workflow-docs-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const expected = workflowDocuments([chain('m', 'snelrecht')]);
  const writeAll = () => expected.forEach((d) => writeFileSync(join(dir, d.file), d.content));

  it('finds nothing when the folder holds exactly the rendered pages (CRLF line ends included)', () => {
    writeAll();
    expect(workflowDocumentsDrift(dir, expected)).toEqual([]);
    writeFileSync(join(dir, 'm-snelrecht.md'), expected[1].content.replace(/\n/g, '\r\n'));
    expect(workflowDocumentsDrift(dir, expected)).toEqual([]);
  });

  it('names a missing, a stale and a left-over page, and the command that fixes them', () => {
    writeAll();
    rmSync(join(dir, 'README.md'));
    writeFileSync(join(dir, 'm-snelrecht.md'), expected[1].content.replace('sluiten', 'afsluiten'));
    writeFileSync(join(dir, 'm-oud.md'), '# no longer a case type\n');
    writeFileSync(join(dir, 'notes.txt'), 'not a page');
    expect(workflowDocumentsDrift(dir, expected, 'docs/workflows')).toEqual([
      'docs/workflows/README.md is missing: run `npm run docs:workflows` and commit the result',
      'docs/workflows/m-snelrecht.md differs from what the workflow definitions render: run `npm run docs:workflows` and commit the result',
      'docs/workflows/m-oud.md documents no case type of the chain modules: run `npm run docs:workflows` and commit the result (it removes the file)',
    ]);
  });

  it('reports every page missing when the folder does not exist', () => {
    expect(workflowDocumentsDrift(join(dir, 'absent'), expected, 'docs/workflows')).toHaveLength(expected.length);
  });
});

describe('chainPackagesIn', () => {
  it('lists the @ketenhuis/chain-* packages of a workspace folder, sorted', () => {
    const root = mkdtempSync(join(tmpdir(), 'workspace-modules-'));
    try {
      const pkg = (folder: string, name?: string) => {
        mkdirSync(join(root, folder));
        if (name) writeFileSync(join(root, folder, 'package.json'), JSON.stringify({ name }));
      };
      pkg('zeden', '@ketenhuis/chain-zeden');
      pkg('m', '@ketenhuis/chain-m');
      pkg('tools', '@ketenhuis/tools');
      pkg('empty');
      writeFileSync(join(root, 'README.md'), 'a file, not a package');
      expect(chainPackagesIn(root)).toEqual(['@ketenhuis/chain-m', '@ketenhuis/chain-zeden']);
      expect(chainPackagesIn(join(root, 'absent'))).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
