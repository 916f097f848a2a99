/** Layer rules, checked in the test command. The pure domain must stay free of frameworks and I/O. */
const io = [
  'node_modules/(@nestjs|typeorm|pg|pg-[a-z-]+|kafkajs|ioredis|@aws-sdk|@opentelemetry|express|zod|uuid)/',
  '^(node:)?(fs|net|http|https|http2|dgram|child_process|cluster|worker_threads|dns|tls|crypto|os|process|perf_hooks)$',
];

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain holds pure deciders: no Nest, no stores, no Kafka, no clock or randomness from the platform.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { path: io.join('|') },
    },
    {
      name: 'domain-depends-on-nothing-else',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { path: '^(libs/(?!domain/)|apps/)' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-do-not-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-only-through-their-barrel',
      comment: 'Import another library as @trading/<lib>, never a file inside it.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/src/', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'apps-use-libs-only-through-their-barrel',
      severity: 'error',
      from: { path: '^(apps|test)/' },
      to: { path: '^libs/[^/]+/src/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'test-support-stays-in-tests',
      comment: 'libs/testing helps tests only; no service may depend on it.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: ['\\.spec\\.ts$', '^libs/testing/'] },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.infra)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
