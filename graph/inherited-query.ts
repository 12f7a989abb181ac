import { assertIdentifier } from '../model/identifier.js';
import type { InheritedFact, Hop } from '../model/inherited-facts.js';
import type { Registry } from '../model/registry.js';
import { sections } from './role-refs.js';

/**
 * The Cypher expression that computes every inherited fact of the instance `i` inside the
 * instance read query — so an instance with inherited facts is still ONE round trip. Each
 * fact is a COLLECT subquery that walks its hops one list at a time (DISTINCT at every hop,
 * so fan-in is counted once) and returns the ids reached per hop and what the last hop's
 * instances hold. Names (aliases, types, roles, characteristics, kinds) go in as
 * parameters; only the fixed relationship types and labels of the graph's own nodes, and
 * field names checked against a whitelist and the identifier pattern, are text. Its
 * variables start with `d_`, so they never meet the variables of the MATCH the read query
 * starts with.
 */

/** The names a fact compares against (aliases, types, roles…) go in as parameters of one map, `$inheritedNames`. */
class ParameterNames {
  readonly values: Record<string, string> = {};
  private readonly keys = new Map<string, string>();

  ref(value: string): string {
    let key = this.keys.get(value);
    if (!key) {
      key = `n${this.keys.size}`;
      this.keys.set(value, key);
      this.values[key] = value;
    }
    return `$inheritedNames.${key}`;
  }
}

function hopMatch(hop: Hop, names: ParameterNames): string {
  const edge = hop.over === 'assignment' ? 'ASSIGNED_TO' : 'RELATES_TO';
  const pattern =
    hop.direction === 'forward' ? `(d_m)-[d_e:${edge}]->(d_n:Instance)` : `(d_m)<-[d_e:${edge}]-(d_n:Instance)`;
  const conditions = [
    hop.alias !== undefined ? `d_e.alias = ${names.ref(hop.alias)}` : '',
    hop.type !== undefined ? `d_e.type = ${names.ref(hop.type)}` : '',
    hop.pool !== undefined ? `d_e.pool = ${names.ref(hop.pool)}` : '',
  ].filter(Boolean);
  return `MATCH ${pattern}${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
}

/** What the fact reads on a source instance `n`, as a list expression. */
function readExpression(fact: InheritedFact, names: ParameterNames): string {
  const read = fact.read;
  if ('role' in read) {
    const { edge, label } = sections[fact.category === 'place' ? 'places' : 'parties'];
    return `[(d_n)-[d_r:${edge}]->(d_p:${label}) WHERE d_r.role = ${names.ref(read.role)} | d_p {.id, .name, .kind, .type}]`;
  }
  if ('characteristic' in read)
    return `[(d_n)-[:HAS_CHARACTERISTIC]->(d_c:Characteristic) WHERE d_c.name = ${names.ref(read.characteristic)} | d_c.valueJson]`;
  if ('field' in read) return `[d_n.${assertIdentifier(read.field, 'field')}]`;
  throw new Error('assignment fields are read on the edge');
}

/** `{id: …, kind: …, type: …` of a source instance, for a map literal that goes on with its values. */
const sourceFields = (variable: string) => `id: ${variable}.id, kind: ${variable}.kind, type: ${variable}.type`;

function pathFact(fact: InheritedFact, names: ParameterNames): string {
  const steps = fact.hops.map((hop, index) => {
    const previous = Array.from({ length: index + 1 }, (_, at) => `d_h${at}`).join(', ');
    return `WITH ${previous}, COLLECT { UNWIND d_h${index} AS d_m ${hopMatch(hop, names)} RETURN DISTINCT d_n } AS d_h${index + 1}`;
  });
  const last = `d_h${fact.hops.length}`;
  const reached = fact.hops.map((_, index) => `[d_x IN d_h${index + 1} | d_x.id]`).join(', ');
  return `COLLECT { WITH [i] AS d_h0
    ${steps.join('\n    ')}
    RETURN {name: ${names.ref(fact.name)}, hops: [${reached}], sources: [d_n IN ${last} | {${sourceFields('d_n')}, values: ${readExpression(fact, names)}}]} }`;
}

/** A field of the values assigned to this instance: read on the assignment edge itself. */
function assignmentFact(fact: InheritedFact & { read: { assignmentField: string } }, names: ParameterNames): string {
  const hop = fact.hops[0]!;
  return `COLLECT { WITH COLLECT { WITH i AS d_m ${hopMatch(hop, names)} RETURN {${sourceFields('d_n')}, value: d_e.${assertIdentifier(fact.read.assignmentField, 'field')}} } AS d_found
    RETURN {name: ${names.ref(fact.name)}, hops: [[d_x IN d_found | d_x.id]], sources: [d_x IN d_found | {${sourceFields('d_x')}, values: [d_x.value]}]} }`;
}

function factExpression(fact: InheritedFact, names: ParameterNames): string {
  return 'assignmentField' in fact.read
    ? assignmentFact(fact as InheritedFact & { read: { assignmentField: string } }, names)
    : pathFact(fact, names);
}

/**
 * `CASE i.kind WHEN … THEN [facts…] … ELSE [] END` (or `[]` when no kind inherits anything),
 * and the `inheritedNames` parameter it reads its names from.
 */
export function inheritedFactsExpression(registry: Registry): {
  expression: string;
  params: { inheritedNames: Record<string, string> };
} {
  const names = new ParameterNames();
  const branches = registry
    .all()
    .flatMap((kind) =>
      kind.category === 'instance' && kind.inheritedFacts.length > 0
        ? [
            `WHEN ${names.ref(kind.name)} THEN ${kind.inheritedFacts.map((fact) => factExpression(fact, names)).join('\n    + ')}`,
          ]
        : [],
    );
  const expression = branches.length === 0 ? '[]' : `CASE i.kind\n  ${branches.join('\n  ')}\n  ELSE [] END`;
  return { expression, params: { inheritedNames: names.values } };
}
