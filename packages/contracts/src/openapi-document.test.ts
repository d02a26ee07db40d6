import { loadCoreDocument, mergeModuleFragments } from './openapi-document';

describe('mergeModuleFragments', () => {
  it('mounts module paths under /api/v1/chains/<id> and keeps core paths', () => {
    const doc = mergeModuleFragments(loadCoreDocument(), [
      { moduleId: 'fixture', paths: { '/items': { get: { responses: {} } } }, components: { schemas: { FixtureItem: { type: 'object' } } } },
    ]);
    expect(doc.paths['/api/v1/chains/fixture/items']).toBeDefined();
    expect(doc.paths['/api/v1/tenant']).toBeDefined();
    expect(doc.components?.schemas?.FixtureItem).toEqual({ type: 'object' });
  });

  it('refuses a schema name that clashes with core', () => {
    expect(() => mergeModuleFragments(loadCoreDocument(), [{ moduleId: 'x', paths: {}, components: { schemas: { Problem: {} } } }]))
      .toThrow(/schema "Problem" of module "x" clashes/);
  });

  it('does not change the core document it was given', () => {
    const core = loadCoreDocument();
    mergeModuleFragments(core, [{ moduleId: 'a', paths: { '/p': {} } }]);
    expect(core.paths['/api/v1/chains/a/p']).toBeUndefined();
  });
});
