import type { InstanceType } from '../../model/instance-ref.js';
import type { RegisteredInstanceKind, Registry } from '../../model/registry.js';
import { instanceTypeOf, versionOf } from '../../model/specification.js';
import { genericKindNames } from '../../model/tmf/generic-kinds.js';
import { baseTypeOf, sameJson, textOf, type TmfWrite } from './write-context.js';

/**
 * Which registered kind a TMF write builds: the one whose specification `<type>Specification`
 * names — by `id` (name and version then only describe it), else by `name` and the major of
 * `version` (the highest major when none is given) — else the one `@type` names; `@type` equal to
 * the base type (`Service`, `Resource`), or absent, with no specification builds the generic kind
 * (model/tmf/generic-kinds.ts). Both given: they must agree. A PATCH reads only what it changed
 * (the base type as `@type` changes nothing: v5 requires it in a PATCH body); a kind of another
 * specification than the actual's is refused there.
 */
export type KindResolution = { kind: RegisteredInstanceKind } | { problems: string[] };

function kindsOfType(registry: Registry, type: InstanceType): RegisteredInstanceKind[] {
  return registry
    .all()
    .flatMap((kind) =>
      kind.category === 'instance' && instanceTypeOf(kind.specification.type) === type ? [kind] : [],
    );
}

const describe = (kind: RegisteredInstanceKind) =>
  `${kind.specification.name} ${versionOf(kind.specification)} (${kind.specification.id}, kind ${kind.name})`;

/** The kind a specification ref names, or why none does. */
function kindOfSpecification(
  registry: Registry,
  type: InstanceType,
  field: string,
  ref: unknown,
): RegisteredInstanceKind | string {
  const kinds = kindsOfType(registry, type);
  const known = () => kinds.map(describe).join(', ') || 'none';
  const id = textOf(ref, 'id');
  if (id !== undefined) {
    return (
      kinds.find((kind) => kind.specification.id === id) ??
      `${field}.id: no ${type} specification with id ${id} is registered (registered: ${known()})`
    );
  }
  const name = textOf(ref, 'name');
  if (name === undefined) return `${field}: give the specification's id (or its name and version)`;
  const version = textOf(ref, 'version');
  const major = version === undefined ? undefined : Number.parseInt(version, 10);
  const found = kinds
    .filter((kind) => kind.specification.name === name && (major === undefined || kind.specification.major === major))
    .sort((a, b) => b.specification.major - a.specification.major)[0];
  return (
    found ??
    `${field}: no ${type} specification named ${name}${version ? ` with version ${version}` : ''} is registered (registered: ${known()})`
  );
}

/** The kind `@type` names: a registered kind of the API's type, the generic kind for the base type. */
function kindOfType(registry: Registry, type: InstanceType, named: string): RegisteredInstanceKind | string {
  const wanted = named === baseTypeOf(type) ? genericKindNames[type] : named;
  const kind = kindsOfType(registry, type).find((candidate) => candidate.name === wanted);
  if (kind) return kind;
  const names = kindsOfType(registry, type)
    .map((candidate) => candidate.name)
    .join(', ');
  return `@type: no ${type} kind named ${wanted} is registered (${type} kinds: ${names || 'none'}; or name a specification in ${type}Specification)`;
}

/** What a write says about its kind: the fields a POST gives, or those a PATCH changed. */
function kindFields(write: TmfWrite): { specification?: unknown; type?: string } {
  const field = `${write.type}Specification`;
  const changed = (key: string) =>
    write.current ? !sameJson(write.document[key], write.current.representation[key]) : true;
  const type = write.document['@type'];
  // a v5 PATCH body must carry @type (Service_MVO, Resource): the base type there says no more than that
  const typeChanged =
    changed('@type') && typeof type === 'string' && !(write.current && type === baseTypeOf(write.type));
  return {
    ...(changed(field) && write.document[field] !== undefined ? { specification: write.document[field] } : {}),
    ...(typeChanged ? { type } : {}),
  };
}

export function resolveKind(write: TmfWrite, registry: Registry): KindResolution {
  const field = `${write.type}Specification`;
  const { specification, type } = kindFields(write);
  const bySpecification =
    specification === undefined ? undefined : kindOfSpecification(registry, write.type, field, specification);
  const isBase = type === undefined || type === baseTypeOf(write.type);
  const byType = type === undefined || (isBase && bySpecification) ? undefined : kindOfType(registry, write.type, type);
  const problems = [bySpecification, byType].filter((found): found is string => typeof found === 'string');
  if (problems.length > 0) return { problems };
  const fromSpecification = bySpecification as RegisteredInstanceKind | undefined;
  const fromType = byType as RegisteredInstanceKind | undefined;
  if (fromSpecification && fromType && fromSpecification !== fromType) {
    return {
      problems: [`@type: ${fromType.name} does not build ${describe(fromSpecification)}; give one or make them agree`],
    };
  }
  const current = write.current ? registry.instanceKind(write.current.snapshot.kind) : undefined;
  const kind = fromSpecification ?? fromType ?? current ?? kindOfType(registry, write.type, baseTypeOf(write.type));
  if (typeof kind === 'string') return { problems: [`${field}: name a registered specification (${kind})`] };
  if (current && kind.specification.name !== current.specification.name) {
    return {
      problems: [
        `${field}: ${write.current!.snapshot.id} is built to ${describe(current)}; diffo moves an instance only to another version of its specification, not to ${describe(kind)}`,
      ],
    };
  }
  return { kind };
}
