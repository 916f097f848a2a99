#!/usr/bin/env node
// Validates the deployment and observability files of the repository:
//   infra/k8s/**        every YAML document against the Kubernetes schemas (kubernetes-models) and
//                       the KEDA schemas (@kubernetes-models/keda), then the project rules below;
//   infra/prometheus/   rule-file structure, scrape config, PrometheusRule copy of rules.yml;
//   infra/grafana/      dashboard JSON structure and provisioning files;
//   metric names        every metric used by rules and dashboards is in the contract table of
//                       infra/k8s/README.md ("Metric contract").
//
// Usage:
//   node scripts/validate-manifests.mjs                  validate the tree; exit 1 naming every problem
//   node scripts/validate-manifests.mjs --self-test      the same, then prove that each broken fixture
//                                                        in infra/k8s/testdata/invalid is rejected with
//                                                        the messages its `# expect:` lines name
//   node scripts/validate-manifests.mjs --sync-prometheus-rule   rewrite infra/prometheus/prometheus-rule.yaml from rules.yml
//
// Messages read: `<file> [doc N: Kind namespace/name] <path>: <problem>`.

import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlias, parseAllDocuments, parse as parseYaml, stringify as stringifyYaml, visit } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const K8S_DIR = 'infra/k8s';
const FIXTURES_DIR = 'infra/k8s/testdata/invalid';
const PROMETHEUS_DIR = 'infra/prometheus';
const GRAFANA_DIR = 'infra/grafana';
const CONTRACT_README = 'infra/k8s/README.md';
const PART_OF = 'trading-backend';
const L_NAME = 'app.kubernetes.io/name';
const L_COMPONENT = 'app.kubernetes.io/component';
const L_PART_OF = 'app.kubernetes.io/part-of';
const UNSET_ANNOTATION = 'trading.example.com/unset-settings';
const ASSUMED_ANNOTATION = 'trading.example.com/assumed-settings';
const SECRET_PLACEHOLDER = 'CHANGE_ME';
/** Files whose zod schemas list the environment variables the services read. */
const SETTINGS_SOURCES = [
  'libs/config/src/app-config.schema.ts',
  'libs/execution/src/execution.settings.ts',
  'libs/archive/src/archiver/archive.config.ts',
  'libs/trade-updates/src/trade-updates.settings.ts',
];
const TOPIC_CATALOGUE = 'libs/messaging/src/topics/topic-catalogue.ts';
/** Labels the scrape config or Prometheus itself adds; always allowed in selectors. */
const SCRAPE_LABELS = ['namespace', 'pod', 'app', 'job', 'instance'];

const MODEL_MODULES = {
  v1: 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'batch/v1': 'kubernetes-models/batch/v1',
  'policy/v1': 'kubernetes-models/policy/v1',
  'autoscaling/v2': 'kubernetes-models/autoscaling/v2',
  'networking.k8s.io/v1': 'kubernetes-models/networking.k8s.io/v1',
  'rbac.authorization.k8s.io/v1': 'kubernetes-models/rbac.authorization.k8s.io/v1',
  'keda.sh/v1alpha1': '@kubernetes-models/keda/keda.sh/v1alpha1',
};
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass', 'PriorityClass']);
const CONTAINER_KEYS = new Set([
  'name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'resizePolicy', 'restartPolicy',
  'volumeMounts', 'volumeDevices', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'terminationMessagePath',
  'terminationMessagePolicy', 'imagePullPolicy', 'securityContext', 'stdin', 'stdinOnce', 'tty',
]);
const RULE_KEYS = new Set(['alert', 'record', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);
const SEVERITIES = new Set(['critical', 'warning', 'info']);
const PROM_DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;

// ---------------------------------------------------------------------------------------------
// reporting

class Report {
  constructor() {
    this.errors = [];
  }
  /** where: a file, or a document record ({ file, index, kind, namespace, name }). */
  error(where, at, message) {
    this.errors.push(`${describe(where)}${at ? ` ${at}` : ''}: ${message}`);
  }
}

function describe(where) {
  if (typeof where === 'string') return where;
  const id = [where.kind ?? '?', where.namespace ? `${where.namespace}/${where.name ?? '?'}` : (where.name ?? '?')].join(' ');
  return `${where.file} [doc ${where.index}: ${id}]`;
}

const rel = (abs) => path.relative(ROOT, abs).split(path.sep).join('/');
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const nonEmptyString = (value) => typeof value === 'string' && value.trim() !== '';

function walk(dir, filter, skip = () => false) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      if (skip(full)) return [];
      return statSync(full).isDirectory() ? walk(full, filter, skip) : filter(full) ? [full] : [];
    });
}

// ---------------------------------------------------------------------------------------------
// YAML loading

/** Every non-empty document of a YAML file, as { file, index, obj, kind, ... } records. */
function loadYamlDocuments(absFile, report) {
  const file = rel(absFile);
  const docs = [];
  parseAllDocuments(readFileSync(absFile, 'utf8')).forEach((doc, i) => {
    const index = i + 1;
    for (const problem of doc.errors) report.error(`${file} [doc ${index}]`, '', `YAML: ${problem.message.split('\n')[0]}`);
    if (doc.errors.length > 0) return;
    let aliased = isAlias(doc.contents) || Boolean(doc.contents?.anchor);
    visit(doc, { Node: (_, node) => (isAlias(node) || node.anchor ? ((aliased = true), visit.BREAK) : undefined) });
    if (aliased) {
      report.error(`${file} [doc ${index}]`, '', 'YAML anchors/aliases are not allowed (kustomize and many tools do not expand them the same way); write the values out');
    }
    const obj = doc.toJS();
    if (obj === null || obj === undefined) return;
    docs.push({
      file,
      index,
      obj,
      kind: obj?.kind,
      apiVersion: obj?.apiVersion,
      name: obj?.metadata?.name,
      namespace: obj?.metadata?.namespace,
    });
  });
  return docs;
}

// ---------------------------------------------------------------------------------------------
// schema validation (kubernetes-models, @kubernetes-models/keda)

const modelCache = new Map();
async function modelFor(apiVersion, kind) {
  const modulePath = MODEL_MODULES[apiVersion];
  if (!modulePath) return undefined;
  if (!modelCache.has(modulePath)) modelCache.set(modulePath, await import(modulePath));
  const Model = modelCache.get(modulePath)[kind];
  return typeof Model === 'function' && Model.kind === kind && Model.apiVersion === apiVersion ? Model : undefined;
}

const jsonPointerToPath = (pointer) =>
  pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');

async function validateSchema(doc, report) {
  if (!nonEmptyString(doc.apiVersion) || !nonEmptyString(doc.kind)) {
    report.error(doc, '', 'every document needs apiVersion and kind');
    return false;
  }
  const Model = await modelFor(doc.apiVersion, doc.kind);
  if (!Model) {
    report.error(doc, '', `no schema for apiVersion ${doc.apiVersion} kind ${doc.kind} (known: ${Object.keys(MODEL_MODULES).join(', ')})`);
    return false;
  }
  try {
    new Model(doc.obj).validate();
    return true;
  } catch (error) {
    const details = Array.isArray(error?.errors) ? error.errors : [];
    if (details.length === 0) report.error(doc, '', `schema: ${error?.message ?? String(error)}`);
    const seen = new Set();
    for (const detail of details) {
      const at = jsonPointerToPath(detail.instancePath ?? '') || '(root)';
      const message = detail.params?.missingProperty
        ? `must have required property "${detail.params.missingProperty}"`
        : `${detail.message}${detail.params?.allowedValues ? ` ${JSON.stringify(detail.params.allowedValues)}` : ''}`;
      const line = `${at}: ${message}`;
      if (seen.has(line)) continue;
      seen.add(line);
      report.error(doc, at, `schema: ${message}`);
    }
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Kubernetes project rules

function parseQuantity(value) {
  if (typeof value === 'number') return value;
  const match = /^([+-]?[0-9.]+(?:[eE][+-]?\d+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(String(value));
  if (!match) return NaN;
  const factors = { m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
  return Number(match[1]) * (match[2] ? factors[match[2]] : 1);
}

const labelsMatch = (selector, labels) =>
  isObject(selector) && Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels?.[key] === value);

/** Pod templates of the workloads in a set: { doc, spec, labels, at, isJob }. */
function podTemplates(docs) {
  const out = [];
  for (const doc of docs) {
    const o = doc.obj;
    if (['Deployment', 'StatefulSet', 'DaemonSet'].includes(doc.kind) && o.spec?.template) {
      out.push({ doc, template: o.spec.template, at: 'spec.template', isJob: false });
    } else if (doc.kind === 'Job' && o.spec?.template) {
      out.push({ doc, template: o.spec.template, at: 'spec.template', isJob: true });
    } else if (doc.kind === 'CronJob' && o.spec?.jobTemplate?.spec?.template) {
      out.push({ doc, template: o.spec.jobTemplate.spec.template, at: 'spec.jobTemplate.spec.template', isJob: true });
    }
  }
  return out;
}

function secretKeys(secret) {
  return new Set([...Object.keys(secret.obj.data ?? {}), ...Object.keys(secret.obj.stringData ?? {})]);
}

function checkKubernetesSet(docs, report, options) {
  const ofKind = (kind) => docs.filter((doc) => doc.kind === kind);
  const find = (kind, name) => docs.find((doc) => doc.kind === kind && doc.name === name);
  const namespaces = ofKind('Namespace').map((doc) => doc.name);
  const configMaps = ofKind('ConfigMap');
  const secrets = ofKind('Secret');
  const templates = podTemplates(docs);

  // identity: names, namespaces, duplicates
  const seen = new Map();
  for (const doc of docs) {
    if (!nonEmptyString(doc.name)) report.error(doc, 'metadata.name', 'missing');
    if (!CLUSTER_SCOPED.has(doc.kind)) {
      if (!nonEmptyString(doc.namespace)) report.error(doc, 'metadata.namespace', 'missing (set it explicitly, so `kubectl apply -f` and `-k` agree)');
      else if (namespaces.length > 0 && !namespaces.includes(doc.namespace)) {
        report.error(doc, 'metadata.namespace', `"${doc.namespace}" is not a Namespace declared here (${namespaces.join(', ')})`);
      }
    }
    const key = `${doc.kind}/${doc.namespace ?? ''}/${doc.name}`;
    if (seen.has(key)) report.error(doc, 'metadata.name', `duplicate of ${describe(seen.get(key))}`);
    else seen.set(key, doc);
    if (doc.obj.metadata?.labels?.[L_PART_OF] !== PART_OF) report.error(doc, `metadata.labels["${L_PART_OF}"]`, `must be "${PART_OF}"`);
  }

  // secrets: never commit a value
  for (const secret of secrets) {
    const values = [
      ...Object.entries(secret.obj.stringData ?? {}).map(([key, value]) => [`stringData.${key}`, String(value)]),
      ...Object.entries(secret.obj.data ?? {}).map(([key, value]) => [`data.${key}`, Buffer.from(String(value), 'base64').toString('utf8')]),
    ];
    for (const [at, value] of values) {
      if (!value.includes(SECRET_PLACEHOLDER)) report.error(secret, at, `looks like a real secret value: committed Secrets may only hold placeholders containing ${SECRET_PLACEHOLDER}`);
    }
    if (!secret.file.endsWith('.example.yaml')) report.error(secret, '', 'a Secret manifest must be an example (file name *.example.yaml, not listed in a kustomization)');
  }

  // workloads
  const workloadNames = new Map();
  for (const { doc, template, at, isJob } of templates) {
    const meta = doc.obj.metadata?.labels ?? {};
    const podLabels = template.metadata?.labels ?? {};
    for (const label of [L_NAME, L_COMPONENT, L_PART_OF]) {
      if (!nonEmptyString(meta[label])) report.error(doc, `metadata.labels["${label}"]`, 'missing');
      else if (podLabels[label] !== meta[label]) report.error(doc, `${at}.metadata.labels["${label}"]`, `must equal the workload's own label ("${meta[label]}"), found "${podLabels[label]}"`);
    }
    if (nonEmptyString(meta[L_NAME])) {
      if (workloadNames.has(meta[L_NAME]) && !isJob) report.error(doc, `metadata.labels["${L_NAME}"]`, `"${meta[L_NAME]}" is also used by ${describe(workloadNames.get(meta[L_NAME]))}: selectors would mix them`);
      if (!isJob) workloadNames.set(meta[L_NAME], doc);
    }
    if (doc.kind === 'Deployment' || doc.kind === 'StatefulSet') {
      const matchLabels = doc.obj.spec?.selector?.matchLabels;
      if (!labelsMatch(matchLabels, podLabels)) report.error(doc, 'spec.selector.matchLabels', 'must be non-empty and match the pod template labels');
      if (doc.obj.spec?.template?.spec?.terminationGracePeriodSeconds === undefined) {
        report.error(doc, `${at}.spec.terminationGracePeriodSeconds`, 'missing: say how long shutdown may take (graceful drain of Kafka/HTTP work)');
      }
    }
    checkPodSpec(doc, template.spec ?? {}, `${at}.spec`, isJob);
  }

  function checkPodSpec(doc, spec, at, isJob) {
    const podSecurity = spec.securityContext ?? {};
    const volumes = new Set((spec.volumes ?? []).map((volume) => volume.name));
    if (spec.serviceAccountName && spec.serviceAccountName !== 'default' && !find('ServiceAccount', spec.serviceAccountName)) {
      report.error(doc, `${at}.serviceAccountName`, `ServiceAccount "${spec.serviceAccountName}" is not declared`);
    }
    if (podSecurity.runAsUser === 0) report.error(doc, `${at}.securityContext.runAsUser`, 'must not be 0 (root)');
    (spec.volumes ?? []).forEach((volume, v) => {
      if (volume.configMap && !volume.configMap.optional && !find('ConfigMap', volume.configMap.name)) {
        report.error(doc, `${at}.volumes[${v}].configMap.name`, `ConfigMap "${volume.configMap.name}" is not declared`);
      }
      if (volume.secret && !volume.secret.optional && !find('Secret', volume.secret.secretName)) {
        report.error(doc, `${at}.volumes[${v}].secret.secretName`, `Secret "${volume.secret.secretName}" is not declared (add it to secret.example.yaml)`);
      }
    });
    const all = [...(spec.initContainers ?? []).map((c, i) => [c, `${at}.initContainers[${i}]`, true]), ...(spec.containers ?? []).map((c, i) => [c, `${at}.containers[${i}]`, false])];
    for (const [container, cAt, isInit] of all) {
      for (const key of Object.keys(container)) if (!CONTAINER_KEYS.has(key)) report.error(doc, `${cAt}.${key}`, 'unknown container field (typo?)');
      const image = String(container.image ?? '');
      if (!/(:[A-Za-z0-9_][A-Za-z0-9_.-]*|@sha256:[a-f0-9]{64})$/.test(image.replace(/^[^/]+:\d+\//, ''))) report.error(doc, `${cAt}.image`, `"${image}" needs an explicit tag or digest`);
      else if (image.endsWith(':latest')) report.error(doc, `${cAt}.image`, '":latest" is not reproducible; pin a version');
      for (const kind of ['requests', 'limits']) {
        for (const resource of ['cpu', 'memory']) {
          if (container.resources?.[kind]?.[resource] === undefined) report.error(doc, `${cAt}.resources.${kind}.${resource}`, 'missing');
        }
      }
      for (const resource of ['cpu', 'memory']) {
        const request = parseQuantity(container.resources?.requests?.[resource]);
        const limit = parseQuantity(container.resources?.limits?.[resource]);
        if (Number.isFinite(request) && Number.isFinite(limit) && request > limit) report.error(doc, `${cAt}.resources.requests.${resource}`, `request ${container.resources.requests[resource]} is above the limit ${container.resources.limits[resource]}`);
      }
      const ports = container.ports ?? [];
      const portNames = new Set(ports.map((port) => port.name).filter(Boolean));
      const portNumbers = new Set(ports.map((port) => port.containerPort));
      const probes = isJob || isInit ? ['livenessProbe', 'readinessProbe', 'startupProbe'].filter((p) => container[p]) : ['livenessProbe', 'readinessProbe'];
      for (const probe of probes) {
        if (!container[probe]) {
          report.error(doc, `${cAt}.${probe}`, 'missing (every long-running container needs liveness and readiness probes)');
          continue;
        }
      }
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        const handler = container[probe]?.httpGet ?? container[probe]?.tcpSocket ?? container[probe]?.grpc;
        const port = handler?.port;
        if (port === undefined) continue;
        if (typeof port === 'string' && !portNames.has(port)) report.error(doc, `${cAt}.${probe}`, `port "${port}" is not a named port of the container (${[...portNames].join(', ') || 'none'})`);
        if (typeof port === 'number' && !portNumbers.has(port)) report.error(doc, `${cAt}.${probe}`, `port ${port} is not a containerPort of the container`);
      }
      const security = container.securityContext ?? {};
      if (security.readOnlyRootFilesystem !== true) report.error(doc, `${cAt}.securityContext.readOnlyRootFilesystem`, 'must be true (mount an emptyDir where the process writes)');
      if (security.allowPrivilegeEscalation !== false) report.error(doc, `${cAt}.securityContext.allowPrivilegeEscalation`, 'must be false');
      if (security.privileged === true) report.error(doc, `${cAt}.securityContext.privileged`, 'must not be true');
      if (!(security.capabilities?.drop ?? []).includes('ALL')) report.error(doc, `${cAt}.securityContext.capabilities.drop`, 'must contain "ALL"');
      if (security.runAsNonRoot !== true && podSecurity.runAsNonRoot !== true) report.error(doc, `${cAt}.securityContext.runAsNonRoot`, 'must be true (here or in the pod securityContext)');
      if (security.runAsUser === 0) report.error(doc, `${cAt}.securityContext.runAsUser`, 'must not be 0 (root)');
      (container.volumeMounts ?? []).forEach((mount, m) => {
        if (!volumes.has(mount.name)) report.error(doc, `${cAt}.volumeMounts[${m}].name`, `volume "${mount.name}" is not declared in the pod`);
      });
      (container.envFrom ?? []).forEach((source, s) => {
        if (source.configMapRef && !source.configMapRef.optional && !find('ConfigMap', source.configMapRef.name)) {
          report.error(doc, `${cAt}.envFrom[${s}].configMapRef.name`, `ConfigMap "${source.configMapRef.name}" is not declared`);
        }
        if (source.secretRef && !source.secretRef.optional && !find('Secret', source.secretRef.name)) {
          report.error(doc, `${cAt}.envFrom[${s}].secretRef.name`, `Secret "${source.secretRef.name}" is not declared (add it to secret.example.yaml)`);
        }
      });
      const envNames = new Set();
      (container.env ?? []).forEach((variable, e) => {
        if (envNames.has(variable.name)) report.error(doc, `${cAt}.env[${e}].name`, `"${variable.name}" is set twice`);
        envNames.add(variable.name);
        const cmRef = variable.valueFrom?.configMapKeyRef;
        if (cmRef && !cmRef.optional) {
          const cm = find('ConfigMap', cmRef.name);
          if (!cm) report.error(doc, `${cAt}.env[${e}].valueFrom.configMapKeyRef.name`, `ConfigMap "${cmRef.name}" is not declared`);
          else if (!(cmRef.key in (cm.obj.data ?? {}))) report.error(doc, `${cAt}.env[${e}].valueFrom.configMapKeyRef.key`, `ConfigMap "${cmRef.name}" has no key "${cmRef.key}"`);
        }
        const secretRef = variable.valueFrom?.secretKeyRef;
        if (secretRef && !secretRef.optional) {
          const secret = find('Secret', secretRef.name);
          if (!secret) report.error(doc, `${cAt}.env[${e}].valueFrom.secretKeyRef.name`, `Secret "${secretRef.name}" is not declared (add it to secret.example.yaml)`);
          else if (!secretKeys(secret).has(secretRef.key)) report.error(doc, `${cAt}.env[${e}].valueFrom.secretKeyRef.key`, `Secret "${secretRef.name}" has no key "${secretRef.key}"`);
        }
      });
      if (options.repoRoot) {
        for (const word of [...(container.command ?? []), ...(container.args ?? [])]) {
          const app = /^(?:\/app\/)?dist\/apps\/([^/]+)\/src\/([^/]+)\.js$/.exec(String(word));
          if (app && !existsSync(path.join(options.repoRoot, 'apps', app[1], 'src', `${app[2]}.ts`))) {
            report.error(doc, `${cAt}.args`, `"${word}" is not built from any apps/${app[1]}/src/${app[2]}.ts`);
          }
        }
      }
    }
  }

  // Services select pods and name their ports
  for (const service of ofKind('Service')) {
    const selector = service.obj.spec?.selector;
    const matched = templates.filter(({ template }) => labelsMatch(selector, template.metadata?.labels));
    if (matched.length === 0) {
      report.error(service, 'spec.selector', `${JSON.stringify(selector ?? {})} selects no pod template declared here`);
      continue;
    }
    const selectedName = matched[0].template.metadata.labels[L_NAME];
    if (service.obj.metadata?.labels?.[L_NAME] !== selectedName) report.error(service, `metadata.labels["${L_NAME}"]`, `must be "${selectedName}", the pods it selects`);
    (service.obj.spec?.ports ?? []).forEach((port, p) => {
      const target = port.targetPort ?? port.port;
      const ok = matched.every(({ template }) =>
        (template.spec?.containers ?? []).some((c) => (c.ports ?? []).some((cp) => (typeof target === 'string' ? cp.name === target : cp.containerPort === target))),
      );
      if (!ok) report.error(service, `spec.ports[${p}].targetPort`, `${JSON.stringify(target)} is not a container port of every selected pod`);
    });
  }

  // autoscaling
  const autoscaled = new Map();
  const minReplicasOf = new Map();
  const partitionsFor = (deployment, at, owner) => {
    const names = (deployment.obj.spec?.template?.spec?.containers ?? []).flatMap((c) => (c.envFrom ?? []).map((s) => s.configMapRef?.name)).filter(Boolean);
    for (const name of names) {
      const cm = find('ConfigMap', name);
      if (cm?.obj.data?.KAFKA_ACCOUNT_PARTITIONS !== undefined) return { cm, partitions: Number(cm.obj.data.KAFKA_ACCOUNT_PARTITIONS) };
    }
    report.error(owner, at, `cannot find KAFKA_ACCOUNT_PARTITIONS in a ConfigMap of Deployment "${deployment.name}" (envFrom ${names.join(', ') || 'none'})`);
    return undefined;
  };
  const claim = (doc, targetKind, targetName, at) => {
    if (!nonEmptyString(targetName)) return undefined; // the schema names the missing field
    if (targetKind !== 'Deployment') {
      report.error(doc, `${at}.kind`, `only Deployments are autoscaled here, found "${targetKind}"`);
      return undefined;
    }
    const target = find('Deployment', targetName);
    if (!target) {
      report.error(doc, `${at}.name`, `Deployment "${targetName}" is not declared`);
      return undefined;
    }
    if (autoscaled.has(targetName)) report.error(doc, at, `Deployment "${targetName}" is already scaled by ${describe(autoscaled.get(targetName))}: two autoscalers fight`);
    autoscaled.set(targetName, doc);
    if (target.obj.spec?.replicas !== undefined) report.error(target, 'spec.replicas', `must be omitted: ${doc.kind} "${doc.name}" owns it (kubectl apply would reset it)`);
    if (doc.obj.metadata?.labels?.[L_NAME] !== target.obj.metadata?.labels?.[L_NAME]) report.error(doc, `metadata.labels["${L_NAME}"]`, `must be "${target.obj.metadata?.labels?.[L_NAME]}", as its target`);
    return target;
  };

  for (const hpa of ofKind('HorizontalPodAutoscaler')) {
    const ref = hpa.obj.spec?.scaleTargetRef ?? {};
    claim(hpa, ref.kind, ref.name, 'spec.scaleTargetRef');
    const min = hpa.obj.spec?.minReplicas ?? 1;
    if (min > hpa.obj.spec?.maxReplicas) report.error(hpa, 'spec.minReplicas', `${min} is above maxReplicas ${hpa.obj.spec?.maxReplicas}`);
    if (!(hpa.obj.spec?.metrics ?? []).length) report.error(hpa, 'spec.metrics', 'missing: say what it scales on');
    minReplicasOf.set(ref.name, min);
  }

  const catalogueTopics = options.topics;
  for (const scaled of ofKind('ScaledObject')) {
    const spec = scaled.obj.spec ?? {};
    const target = claim(scaled, spec.scaleTargetRef?.kind ?? 'Deployment', spec.scaleTargetRef?.name, 'spec.scaleTargetRef');
    const min = spec.minReplicaCount ?? 0;
    minReplicasOf.set(spec.scaleTargetRef?.name, min);
    if (spec.maxReplicaCount === undefined) report.error(scaled, 'spec.maxReplicaCount', 'missing: Kafka consumers must be capped at the partition count (the KEDA default is 100)');
    if (spec.maxReplicaCount !== undefined && min > spec.maxReplicaCount) report.error(scaled, 'spec.minReplicaCount', `${min} is above maxReplicaCount ${spec.maxReplicaCount}`);
    const source = target ? partitionsFor(target, 'spec.maxReplicaCount', scaled) : undefined;
    if (source && spec.maxReplicaCount > source.partitions) {
      report.error(scaled, 'spec.maxReplicaCount', `${spec.maxReplicaCount} is more than KAFKA_ACCOUNT_PARTITIONS=${source.partitions} (ConfigMap ${source.cm.name}): the extra consumers would own no partition`);
    }
    const config = source?.cm.obj.data ?? {};
    const prefix = config.KAFKA_TOPIC_PREFIX ?? '';
    if (!(spec.triggers ?? []).length) report.error(scaled, 'spec.triggers', 'missing');
    (spec.triggers ?? []).forEach((trigger, t) => {
      const at = `spec.triggers[${t}].metadata`;
      if (trigger.type !== 'kafka') return;
      const m = trigger.metadata ?? {};
      for (const key of ['bootstrapServers', 'consumerGroup', 'topic', 'lagThreshold']) {
        if (!nonEmptyString(m[key])) report.error(scaled, `${at}.${key}`, 'missing (kafka triggers name their brokers, group, topic and lag threshold)');
      }
      if (m.lagThreshold !== undefined && !(/^\d+$/.test(String(m.lagThreshold)) && Number(m.lagThreshold) > 0)) report.error(scaled, `${at}.lagThreshold`, `"${m.lagThreshold}" must be a positive integer`);
      if (String(m.allowIdleConsumers) === 'true') report.error(scaled, `${at}.allowIdleConsumers`, 'must not be "true": it lets KEDA count more consumers than partitions');
      const norm = (list) => String(list ?? '').split(',').map((entry) => entry.trim()).filter(Boolean).join(',');
      if (config.KAFKA_BROKERS !== undefined && nonEmptyString(m.bootstrapServers) && norm(m.bootstrapServers) !== norm(config.KAFKA_BROKERS)) {
        report.error(scaled, `${at}.bootstrapServers`, `"${m.bootstrapServers}" differs from KAFKA_BROKERS "${config.KAFKA_BROKERS}" of ConfigMap ${source.cm.name}`);
      }
      if (nonEmptyString(m.consumerGroup) && !m.consumerGroup.startsWith(prefix)) report.error(scaled, `${at}.consumerGroup`, `"${m.consumerGroup}" lacks KAFKA_TOPIC_PREFIX "${prefix}"`);
      if (nonEmptyString(m.topic)) {
        if (!m.topic.startsWith(prefix)) report.error(scaled, `${at}.topic`, `"${m.topic}" lacks KAFKA_TOPIC_PREFIX "${prefix}"`);
        else if (catalogueTopics && !catalogueTopics.includes(m.topic.slice(prefix.length))) report.error(scaled, `${at}.topic`, `"${m.topic}" is not in the topic catalogue (${catalogueTopics.join(', ')})`);
      }
      if (options.consumerGroups && nonEmptyString(m.consumerGroup) && !groupDeclared(m.consumerGroup.slice(prefix.length), options.consumerGroups)) {
        report.error(scaled, `${at}.consumerGroup`, `"${m.consumerGroup}" is not a consumer group the code declares (${options.consumerGroups.join(', ')})`);
      }
    });
  }

  // PodDisruptionBudgets: one per Deployment, never blocking a drain
  const pdbs = ofKind('PodDisruptionBudget');
  for (const pdb of pdbs) {
    const selector = pdb.obj.spec?.selector?.matchLabels;
    const matched = ofKind('Deployment').filter((d) => labelsMatch(selector, d.obj.spec?.template?.metadata?.labels));
    if (matched.length === 0) report.error(pdb, 'spec.selector.matchLabels', `${JSON.stringify(selector ?? {})} selects no Deployment declared here`);
    for (const deployment of matched) {
      const minAvailable = pdb.obj.spec?.minAvailable;
      const replicas = minReplicasOf.get(deployment.name) ?? deployment.obj.spec?.replicas ?? 1;
      if (typeof minAvailable === 'number' && minAvailable >= replicas) {
        report.error(pdb, 'spec.minAvailable', `${minAvailable} >= the ${replicas} replica(s) Deployment "${deployment.name}" may run: no node could ever be drained`);
      }
      if (deployment.obj.metadata?.labels?.[L_NAME] !== pdb.obj.metadata?.labels?.[L_NAME]) report.error(pdb, `metadata.labels["${L_NAME}"]`, `must be "${deployment.obj.metadata?.labels?.[L_NAME]}", as the pods it protects`);
    }
  }
  for (const deployment of ofKind('Deployment')) {
    if (!pdbs.some((pdb) => labelsMatch(pdb.obj.spec?.selector?.matchLabels, deployment.obj.spec?.template?.metadata?.labels))) {
      report.error(deployment, '', 'no PodDisruptionBudget selects its pods');
    }
    if (!autoscaled.has(deployment.name) && deployment.obj.spec?.replicas === undefined) {
      report.error(deployment, 'spec.replicas', 'missing and no HorizontalPodAutoscaler or ScaledObject scales it');
    }
  }

  // configuration contract: every variable the code reads is supplied
  if (options.settingKeys) {
    const supplied = new Set();
    const unset = new Set();
    const assumed = new Set();
    for (const cm of configMaps) {
      Object.keys(cm.obj.data ?? {}).forEach((key) => supplied.add(key));
      String(cm.obj.metadata?.annotations?.[UNSET_ANNOTATION] ?? '').split(',').map((s) => s.trim()).filter(Boolean).forEach((key) => unset.add(key));
      String(cm.obj.metadata?.annotations?.[ASSUMED_ANNOTATION] ?? '').split(',').map((s) => s.trim()).filter(Boolean).forEach((key) => assumed.add(key));
    }
    secrets.forEach((secret) => secretKeys(secret).forEach((key) => supplied.add(key)));
    const longRunning = templates.filter((t) => !t.isJob);
    const everywhere = (key) => longRunning.length > 0 && longRunning.every(({ template }) => (template.spec?.containers ?? []).every((c) => (c.env ?? []).some((e) => e.name === key)));
    for (const key of options.settingKeys) {
      if (!supplied.has(key) && !unset.has(key) && !everywhere(key)) {
        const cm = configMaps[0];
        report.error(cm ?? K8S_DIR, 'data', `${key} (read by the services) is neither in a ConfigMap, nor a Secret key, nor set by every Deployment, nor listed in the "${UNSET_ANNOTATION}" annotation`);
      }
    }
    for (const cm of configMaps) {
      for (const key of Object.keys(cm.obj.data ?? {})) {
        if (!options.settingKeys.includes(key) && !assumed.has(key)) {
          report.error(cm, `data.${key}`, `no service reads ${key} (typo?); list settings that code is still to read in the "${ASSUMED_ANNOTATION}" annotation`);
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// kustomizations

function checkKustomizations(kustomizations, allDocs, report) {
  for (const doc of kustomizations) {
    const dir = path.dirname(path.join(ROOT, doc.file));
    const listed = new Set();
    (doc.obj.resources ?? []).forEach((resource, r) => {
      const target = path.resolve(dir, resource);
      if (!existsSync(target)) report.error(doc, `resources[${r}]`, `"${resource}" does not exist`);
      listed.add(target);
    });
    const local = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && !/^kustomization\.ya?ml$/.test(f));
    for (const file of local) {
      const full = path.join(dir, file);
      if (file.endsWith('.example.yaml')) {
        if (listed.has(full)) report.error(doc, 'resources', `"${file}" is an example and must not be applied`);
      } else if (!listed.has(full)) report.error(doc, 'resources', `"${file}" sits beside the kustomization but is not listed (orphan manifest)`);
    }
    (doc.obj.patches ?? []).forEach((patch, p) => {
      const t = patch.target;
      if (t?.kind && t?.name && !allDocs.some((d) => d.kind === t.kind && d.name === t.name)) {
        report.error(doc, `patches[${p}].target`, `no ${t.kind} "${t.name}" exists to patch`);
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------
// metric contract (infra/k8s/README.md) and PromQL checks

/** Map metric name -> { type, labels } from the README table rows "| `trading_x` | type | `a`, `b` | ... |". */
function loadMetricContract(report) {
  const file = path.join(ROOT, CONTRACT_README);
  const contract = new Map();
  if (!existsSync(file)) {
    report.error(CONTRACT_README, '', 'missing: it holds the metric contract');
    return contract;
  }
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const name = /^`(trading_[a-z0-9_]+)`$/.exec(cells[1] ?? '');
    if (!name) continue;
    const labels = [...(cells[3] ?? '').matchAll(/`([a-z_][a-z0-9_]*)`/g)].map((m) => m[1]);
    contract.set(name[1], { type: cells[2], labels });
  }
  if (contract.size === 0) report.error(CONTRACT_README, '', 'no metric contract rows found ("| `trading_…` | type | `label`, … |")');
  return contract;
}

function checkExpr(expr, where, at, report, contract) {
  if (!nonEmptyString(expr)) {
    report.error(where, at, 'expr missing or empty');
    return;
  }
  const pairs = { '(': ')', '[': ']', '{': '}' };
  const stack = [];
  let quote = null;
  for (const ch of expr) {
    if (quote) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (pairs[ch]) stack.push(pairs[ch]);
    else if (Object.values(pairs).includes(ch) && stack.pop() !== ch) {
      report.error(where, at, `unbalanced "${ch}" in ${JSON.stringify(expr)}`);
      return;
    }
  }
  if (quote || stack.length) {
    report.error(where, at, `unclosed ${quote ? 'quote' : `"${stack.at(-1)}"`} in ${JSON.stringify(expr)}`);
    return;
  }
  const stripped = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  for (const match of stripped.matchAll(/\b(trading_[a-z0-9_]+)(\{[^}]*\})?/g)) {
    const raw = match[1];
    const base = contract.has(raw) ? raw : raw.replace(/_(bucket|count|sum)$/, '');
    const entry = contract.get(base);
    if (!entry) {
      report.error(where, at, `metric ${raw} is not in the metric contract (${CONTRACT_README})`);
      continue;
    }
    if (base !== raw && entry.type !== 'histogram') report.error(where, at, `${raw}: ${base} is a ${entry.type}, not a histogram`);
    const selector = expr.slice(match.index + raw.length).startsWith('{') ? expr.slice(match.index + raw.length, expr.indexOf('}', match.index) + 1) : '';
    for (const label of selector.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)/g)) {
      const allowed = [...entry.labels, ...SCRAPE_LABELS, ...(raw.endsWith('_bucket') ? ['le'] : [])];
      if (!allowed.includes(label[1])) report.error(where, at, `label "${label[1]}" of ${raw} is not in the contract (${entry.labels.join(', ') || 'no labels'})`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Prometheus

function checkRuleGroups(groups, where, report, contract) {
  if (!Array.isArray(groups) || groups.length === 0) {
    report.error(where, 'groups', 'must be a non-empty list');
    return 0;
  }
  const groupNames = new Set();
  const alertNames = new Set();
  let count = 0;
  groups.forEach((group, g) => {
    const gAt = `groups[${g}]`;
    if (!isObject(group)) return report.error(where, gAt, 'must be a mapping');
    if (!nonEmptyString(group.name)) report.error(where, `${gAt}.name`, 'missing');
    else if (groupNames.has(group.name)) report.error(where, `${gAt}.name`, `duplicate group "${group.name}"`);
    groupNames.add(group.name);
    if (group.interval !== undefined && !PROM_DURATION.test(String(group.interval))) report.error(where, `${gAt}.interval`, `"${group.interval}" is not a duration`);
    if (!Array.isArray(group.rules) || group.rules.length === 0) return report.error(where, `${gAt}.rules`, 'must be a non-empty list');
    group.rules.forEach((rule, r) => {
      const at = `${gAt}.rules[${r}]`;
      if (!isObject(rule)) return report.error(where, at, 'must be a mapping');
      count += 1;
      for (const key of Object.keys(rule)) if (!RULE_KEYS.has(key)) report.error(where, `${at}.${key}`, 'unknown rule field');
      checkExpr(rule.expr, where, `${at}.expr`, report, contract);
      if (rule.record !== undefined) {
        if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(String(rule.record))) report.error(where, `${at}.record`, `"${rule.record}" is not a metric name`);
        if (rule.alert !== undefined) report.error(where, at, 'a rule is either alert or record, not both');
        return;
      }
      if (!nonEmptyString(rule.alert)) return report.error(where, `${at}.alert`, 'missing (neither alert nor record)');
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(rule.alert)) report.error(where, `${at}.alert`, `"${rule.alert}" is not a valid alert name`);
      if (alertNames.has(rule.alert)) report.error(where, `${at}.alert`, `duplicate alert "${rule.alert}"`);
      alertNames.add(rule.alert);
      if (rule.for === undefined) report.error(where, `${at}.for`, 'missing (say how long the condition must hold; 0s if at once)');
      else if (!PROM_DURATION.test(String(rule.for))) report.error(where, `${at}.for`, `"${rule.for}" is not a Prometheus duration`);
      if (!isObject(rule.labels)) report.error(where, `${at}.labels`, 'missing');
      else if (!SEVERITIES.has(rule.labels.severity)) report.error(where, `${at}.labels.severity`, `must be one of ${[...SEVERITIES].join(', ')}`);
      if (!isObject(rule.annotations)) report.error(where, `${at}.annotations`, 'missing');
      else for (const key of ['summary', 'description']) if (!nonEmptyString(rule.annotations[key])) report.error(where, `${at}.annotations.${key}`, 'missing');
    });
  });
  return count;
}

function loadYamlFile(file, report) {
  try {
    return parseYaml(readFileSync(path.join(ROOT, file), 'utf8'));
  } catch (error) {
    report.error(file, '', `YAML: ${String(error.message).split('\n')[0]}`);
    return undefined;
  }
}

function checkRuleFile(file, report, contract) {
  const obj = loadYamlFile(file, report);
  if (obj === undefined) return 0;
  if (!isObject(obj)) {
    report.error(file, '', 'a rule file is a mapping with "groups"');
    return 0;
  }
  for (const key of Object.keys(obj)) if (key !== 'groups') report.error(file, key, 'unknown top-level key of a rule file');
  return checkRuleGroups(obj.groups, file, report, contract);
}

function prometheusRuleFromRules(groups) {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: 'trading-backend', namespace: 'trading', labels: { [L_PART_OF]: PART_OF, role: 'alert-rules' } },
    spec: { groups },
  };
}
const PROMETHEUS_RULE_HEADER = '# GENERATED from rules.yml by `node scripts/validate-manifests.mjs --sync-prometheus-rule`; do not edit.\n# The same alerts as a prometheus-operator PrometheusRule: kubectl apply -f infra/prometheus/prometheus-rule.yaml\n';

function checkPrometheus(report, contract) {
  const rulesFile = `${PROMETHEUS_DIR}/rules.yml`;
  const alerts = existsSync(path.join(ROOT, rulesFile)) ? checkRuleFile(rulesFile, report, contract) : (report.error(rulesFile, '', 'missing'), 0);

  const configFile = `${PROMETHEUS_DIR}/prometheus.yml`;
  const config = existsSync(path.join(ROOT, configFile)) ? loadYamlFile(configFile, report) : (report.error(configFile, '', 'missing'), undefined);
  if (isObject(config)) {
    (config.rule_files ?? []).forEach((ruleFile, i) => {
      if (!existsSync(path.join(ROOT, PROMETHEUS_DIR, ruleFile))) report.error(configFile, `rule_files[${i}]`, `"${ruleFile}" does not exist beside it`);
    });
    const jobs = new Set();
    if (!Array.isArray(config.scrape_configs) || config.scrape_configs.length === 0) report.error(configFile, 'scrape_configs', 'must be a non-empty list');
    (config.scrape_configs ?? []).forEach((job, j) => {
      if (!nonEmptyString(job?.job_name)) return report.error(configFile, `scrape_configs[${j}].job_name`, 'missing');
      if (jobs.has(job.job_name)) report.error(configFile, `scrape_configs[${j}].job_name`, `duplicate "${job.job_name}"`);
      jobs.add(job.job_name);
      // TradingServiceDown selects up{job=~"trading-.*"}
      if (!job.job_name.startsWith('trading-')) report.error(configFile, `scrape_configs[${j}].job_name`, `"${job.job_name}" must start with "trading-" (the service-down alert selects those jobs)`);
      if (!job.static_configs && !job.kubernetes_sd_configs && !job.file_sd_configs) report.error(configFile, `scrape_configs[${j}]`, 'has no targets (static_configs, kubernetes_sd_configs or file_sd_configs)');
    });
  }

  const crdFile = `${PROMETHEUS_DIR}/prometheus-rule.yaml`;
  const rules = existsSync(path.join(ROOT, rulesFile)) ? loadYamlFile(rulesFile, new Report()) : undefined;
  if (existsSync(path.join(ROOT, crdFile))) {
    const crd = loadYamlFile(crdFile, report);
    if (crd && JSON.stringify(crd) !== JSON.stringify(prometheusRuleFromRules(rules?.groups))) {
      report.error(crdFile, '', 'differs from rules.yml: run `node scripts/validate-manifests.mjs --sync-prometheus-rule`');
    }
  }
  return alerts;
}

// ---------------------------------------------------------------------------------------------
// Grafana

function checkDashboard(obj, where, report, contract) {
  if (!isObject(obj)) {
    report.error(where, '', 'a dashboard is a JSON object');
    return 0;
  }
  if (obj.__inputs !== undefined) report.error(where, '__inputs', 'present: that is an export for manual import; provisioning does not resolve ${DS_…} inputs (use a datasource variable)');
  for (const key of ['title', 'uid']) if (!nonEmptyString(obj[key])) report.error(where, key, 'missing');
  if (typeof obj.uid === 'string' && obj.uid.length > 40) report.error(where, 'uid', 'longer than 40 characters');
  if (typeof obj.schemaVersion !== 'number') report.error(where, 'schemaVersion', 'missing');
  if (obj.id !== undefined && obj.id !== null) report.error(where, 'id', 'must be null or absent in a provisioned dashboard');
  const variables = obj.templating?.list ?? [];
  const datasourceVariable = variables.find((v) => v.type === 'datasource' && v.query === 'prometheus');
  if (!datasourceVariable) report.error(where, 'templating.list', 'needs a variable of type "datasource" with query "prometheus"');
  const dsRef = datasourceVariable ? `\${${datasourceVariable.name}}` : undefined;
  const varNames = new Set(variables.map((v) => v.name));
  variables.forEach((v, i) => {
    if (!nonEmptyString(v.name)) report.error(where, `templating.list[${i}].name`, 'missing');
    if (v.type === 'query') {
      if (v.datasource?.uid !== dsRef) report.error(where, `templating.list[${i}].datasource.uid`, `must be "${dsRef}"`);
      checkExpr(typeof v.query === 'string' ? v.query.replace(/^label_values\((.*)\)$/, '$1').replace(/,\s*[a-z_]+\s*$/, '') : v.query?.query?.replace(/^label_values\((.*)\)$/, '$1').replace(/,\s*[a-z_]+\s*$/, ''), where, `templating.list[${i}].query`, report, contract);
    }
  });
  if (!Array.isArray(obj.panels) || obj.panels.length === 0) {
    report.error(where, 'panels', 'must be a non-empty list');
    return 0;
  }
  const flat = [];
  obj.panels.forEach((panel, p) => {
    flat.push([panel, `panels[${p}]`]);
    (panel?.panels ?? []).forEach((inner, q) => flat.push([inner, `panels[${p}].panels[${q}]`]));
  });
  const ids = new Map();
  let count = 0;
  for (const [panel, at] of flat) {
    if (!isObject(panel)) {
      report.error(where, at, 'must be an object');
      continue;
    }
    if (!Number.isInteger(panel.id)) report.error(where, `${at}.id`, 'missing or not an integer');
    else if (ids.has(panel.id)) report.error(where, `${at}.id`, `duplicate id ${panel.id} (also ${ids.get(panel.id)})`);
    else ids.set(panel.id, at);
    if (!nonEmptyString(panel.type)) report.error(where, `${at}.type`, 'missing');
    if (!nonEmptyString(panel.title)) report.error(where, `${at}.title`, 'missing');
    const grid = panel.gridPos;
    if (!isObject(grid) || !['x', 'y', 'w', 'h'].every((k) => Number.isInteger(grid[k]))) report.error(where, `${at}.gridPos`, 'needs integer x, y, w, h');
    else if (grid.x + grid.w > 24) report.error(where, `${at}.gridPos`, 'x + w is beyond the 24-column grid');
    if (panel.type === 'row' || panel.type === 'text') continue;
    count += 1;
    if (panel.datasource?.uid !== dsRef) report.error(where, `${at}.datasource.uid`, `must be "${dsRef}" (the datasource variable)`);
    if (!Array.isArray(panel.targets) || panel.targets.length === 0) {
      report.error(where, `${at}.targets`, 'a panel needs at least one target');
      continue;
    }
    const refIds = new Set();
    panel.targets.forEach((target, t) => {
      if (!nonEmptyString(target?.refId)) report.error(where, `${at}.targets[${t}].refId`, 'missing');
      else if (refIds.has(target.refId)) report.error(where, `${at}.targets[${t}].refId`, `duplicate "${target.refId}"`);
      refIds.add(target?.refId);
      checkExpr(target?.expr, where, `${at}.targets[${t}].expr`, report, contract);
      for (const used of String(target?.expr ?? '').matchAll(/\$(?:\{)?([A-Za-z_][A-Za-z0-9_]*)/g)) {
        if (!used[1].startsWith('__') && !varNames.has(used[1])) report.error(where, `${at}.targets[${t}].expr`, `uses $${used[1]}, which is not a dashboard variable`);
      }
    });
  }
  return count;
}

function checkGrafana(report, contract) {
  const dashboards = walk(path.join(ROOT, GRAFANA_DIR), (f) => f.endsWith('.json'));
  if (dashboards.length === 0) report.error(GRAFANA_DIR, '', 'no dashboard JSON found');
  let panels = 0;
  const uids = new Set();
  for (const abs of dashboards) {
    const file = rel(abs);
    let obj;
    try {
      obj = JSON.parse(readFileSync(abs, 'utf8'));
    } catch (error) {
      report.error(file, '', `JSON: ${error.message}`);
      continue;
    }
    panels += checkDashboard(obj, file, report, contract);
    if (uids.has(obj.uid)) report.error(file, 'uid', `duplicate dashboard uid "${obj.uid}"`);
    uids.add(obj.uid);
  }
  for (const abs of walk(path.join(ROOT, GRAFANA_DIR, 'provisioning'), (f) => /\.ya?ml$/.test(f))) {
    const file = rel(abs);
    const obj = loadYamlFile(file, report);
    if (!isObject(obj)) continue;
    if (obj.apiVersion !== 1) report.error(file, 'apiVersion', 'must be 1');
    if ('providers' in obj) {
      (obj.providers ?? []).forEach((provider, i) => {
        if (!nonEmptyString(provider.name)) report.error(file, `providers[${i}].name`, 'missing');
        if (provider.type !== 'file') report.error(file, `providers[${i}].type`, 'must be "file"');
        if (!nonEmptyString(provider.options?.path)) report.error(file, `providers[${i}].options.path`, 'missing');
      });
    } else if ('datasources' in obj) {
      (obj.datasources ?? []).forEach((ds, i) => {
        for (const key of ['name', 'type', 'uid', 'url']) if (!nonEmptyString(ds[key])) report.error(file, `datasources[${i}].${key}`, 'missing');
      });
    } else report.error(file, '', 'neither a dashboards provider file ("providers") nor a datasources file ("datasources")');
  }
  return { dashboards: dashboards.length, panels };
}

// ---------------------------------------------------------------------------------------------
// sources of truth read from the code

function settingKeys(report) {
  const keys = new Set();
  for (const file of SETTINGS_SOURCES) {
    const abs = path.join(ROOT, file);
    if (!existsSync(abs)) {
      report.error(file, '', 'missing: the validator reads the settings the services accept from it (update SETTINGS_SOURCES)');
      continue;
    }
    for (const match of readFileSync(abs, 'utf8').matchAll(/^\s{2}([A-Z][A-Z0-9_]+):\s/gm)) keys.add(match[1]);
  }
  return [...keys];
}

function catalogueTopics() {
  const abs = path.join(ROOT, TOPIC_CATALOGUE);
  if (!existsSync(abs)) return undefined;
  return [...new Set([...readFileSync(abs, 'utf8').matchAll(/['`](?:\$\{prefix\})?(trading\.[a-z-]+)['`]/g)].map((m) => m[1]))];
}

/** Consumer groups the code declares (`${config.KAFKA_TOPIC_PREFIX}oms`); "projector-*" for templated names. */
function consumerGroups() {
  const groups = new Set();
  for (const abs of walk(path.join(ROOT, 'libs'), (f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))) {
    for (const m of readFileSync(abs, 'utf8').matchAll(/\$\{(?:this\.)?config\.KAFKA_TOPIC_PREFIX\}([a-z][a-z0-9-]*)(\$\{)?/g)) {
      groups.add(m[2] ? `${m[1]}*` : m[1]);
    }
  }
  return groups.size > 0 ? [...groups] : undefined;
}

const groupDeclared = (group, declared) => declared.some((d) => (d.endsWith('*') ? group.startsWith(d.slice(0, -1)) : group === d));

// ---------------------------------------------------------------------------------------------
// runs

async function validateKubernetesFiles(files, report, options) {
  const docs = files.flatMap((file) => loadYamlDocuments(file, report));
  const kustomizations = docs.filter((doc) => doc.kind === 'Kustomization');
  const resources = docs.filter((doc) => doc.kind !== 'Kustomization');
  for (const doc of resources) await validateSchema(doc, report);
  checkKubernetesSet(resources, report, options);
  if (options.kustomize) checkKustomizations(kustomizations, resources, report);
  return resources.length;
}

async function validateTree(report) {
  const contract = loadMetricContract(report);
  const files = walk(path.join(ROOT, K8S_DIR), (f) => /\.ya?ml$/.test(f), (f) => rel(f).startsWith(`${K8S_DIR}/testdata`));
  const topics = catalogueTopics();
  const groups = consumerGroups();
  const documents = await validateKubernetesFiles(files, report, {
    repoRoot: ROOT,
    kustomize: true,
    settingKeys: settingKeys(report),
    topics,
    consumerGroups: groups,
  });
  const alerts = checkPrometheus(report, contract);
  const grafana = checkGrafana(report, contract);
  return `${documents} Kubernetes documents in ${files.length} files, ${alerts} alert rules, ${grafana.dashboards} dashboard(s) with ${grafana.panels} panels, ${contract.size} contract metrics`;
}

/** Each fixture must be rejected, with every message its expectations name. */
async function selfTest() {
  const contract = loadMetricContract(new Report());
  const fixtures = walk(path.join(ROOT, FIXTURES_DIR), (f) => /\.(ya?ml|json)$/.test(f));
  const failures = [];
  if (fixtures.length === 0) failures.push(`no fixtures in ${FIXTURES_DIR}`);
  for (const abs of fixtures) {
    const file = rel(abs);
    const text = readFileSync(abs, 'utf8');
    const report = new Report();
    let expectations;
    if (file.endsWith('.dashboard.json')) {
      const obj = JSON.parse(text);
      expectations = obj.__expect ?? [];
      delete obj.__expect;
      checkDashboard(obj, file, report, contract);
    } else if (file.endsWith('.rules.yml')) {
      expectations = [...text.matchAll(/^# expect: (.+)$/gm)].map((m) => m[1].trim());
      checkRuleFile(file, report, contract);
    } else {
      expectations = [...text.matchAll(/^# expect: (.+)$/gm)].map((m) => m[1].trim());
      await validateKubernetesFiles([abs], report, { repoRoot: ROOT, kustomize: false, topics: catalogueTopics() });
    }
    if (expectations.length === 0) failures.push(`${file}: names no expectation (# expect: … or "__expect")`);
    if (report.errors.length === 0) {
      failures.push(`${file}: was accepted, but it is broken on purpose`);
      continue;
    }
    for (const expected of expectations) {
      if (!report.errors.some((error) => error.includes(expected))) {
        failures.push(`${file}: no message contains "${expected}"; got:\n    ${report.errors.join('\n    ')}`);
      }
    }
  }
  return { fixtures: fixtures.length, failures };
}

async function main(argv) {
  if (argv.includes('--sync-prometheus-rule')) {
    const rules = parseYaml(readFileSync(path.join(ROOT, PROMETHEUS_DIR, 'rules.yml'), 'utf8'));
    writeFileSync(path.join(ROOT, PROMETHEUS_DIR, 'prometheus-rule.yaml'), PROMETHEUS_RULE_HEADER + stringifyYaml(prometheusRuleFromRules(rules.groups), { lineWidth: 0 }));
    process.stdout.write(`wrote ${PROMETHEUS_DIR}/prometheus-rule.yaml\n`);
  }
  const report = new Report();
  const summary = await validateTree(report);
  for (const error of report.errors) process.stdout.write(`ERROR ${error}\n`);
  let failed = report.errors.length > 0;
  process.stdout.write(failed ? `validate-manifests: ${report.errors.length} problem(s) (${summary})\n` : `validate-manifests: OK (${summary})\n`);
  if (argv.includes('--self-test')) {
    const { fixtures, failures } = await selfTest();
    for (const failure of failures) process.stdout.write(`SELF-TEST ${failure}\n`);
    failed ||= failures.length > 0;
    process.stdout.write(failures.length ? `validate-manifests self-test: ${failures.length} failure(s) over ${fixtures} fixtures\n` : `validate-manifests self-test: OK (${fixtures} broken fixtures rejected with the expected messages)\n`);
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`validate-manifests: crashed: ${error?.stack ?? error}\n`);
    process.exit(2);
  },
);
