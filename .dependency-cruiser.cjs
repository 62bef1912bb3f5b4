/**
 * Dependency rules of the server (`npm run lint:deps`, part of `npm run lint`). See CONTRIBUTING.md,
 * "Dependencies between modules", and docs/architecture.md for the direction between modules.
 *
 * - Feature folders (src/<feature>/) depend on each other in one direction only: no cycle between folders,
 *   however many files it runs through. When a module must call back into one that depends on it, the lower
 *   module defines an interface and an injection token and the higher module provides it (auth's
 *   AUDIT_RECORDER and PASSWORD_STORE, pilots' PILOT_ACTORS).
 * - A module's entities (and repositories) are its own: another module goes through the owner's exported
 *   service. Entities that reference another module's table name it in `@ForeignKey('User', ...)` rather than
 *   importing its class, so there is no exception for entity files.
 * - src/common, src/config, src/database and src/queues are shared layers: they may import each other but never
 *   a feature folder or the application's root files.
 */
const SHARED = '(common|config|database|queues)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-feature-cycles',
      comment:
        'Two folders under src/ depend on each other (through any files). Move the shared piece down ' +
        '(src/common or a leaf folder) or invert the call with an interface token provided by the higher module.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-module-cycles',
      comment: 'An import cycle between files: Node loads one of them half-initialised.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-foreign-entities',
      comment:
        "A module imports another module's entity or repository. Go through the owner's exported service; " +
        "an entity references another module's table by name: @ForeignKey('User', ...).",
      severity: 'error',
      // The one exception: src/common has no Nest module, so the database module registers the repository of
      // common's throttle counters (used by src/common/throttle.ts) for it.
      from: { path: '^src/([^/]+)/', pathNot: '^src/database/database[.]module[.]ts$' },
      to: { path: '^src/[^/]+/.+[.](entity|repository)[.]ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'shared-layers-stay-below-features',
      comment: `src/${SHARED} are shared layers: they must not import a feature folder or the application root.`,
      severity: 'error',
      from: { path: `^src/${SHARED}/` },
      to: { path: '^src/', pathNot: `^src/${SHARED}/` },
    },
  ],
  options: {
    // Only the server's own code: specs may read fixtures under test/, which are not part of the module graph.
    includeOnly: '^src/',
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.cjs', '.mjs', '.json'],
    },
  },
};
