import { assertIdentifier } from '../model/identifier.js';
import type { DerivedFact, Hop } from '../model/derived-facts.js';
import type { Registry } from '../model/registry.js';

/**
 * The Cypher expression that computes every derived fact of the instance `i` inside the
 * instance read query — so an instance with inherited facts is still ONE round trip. Each
 * fact is a COLLECT subquery that walks its hops one list at a time (DISTINCT at every hop,
 * so fan-in is counted once) and returns the ids reached per hop and what the last hop's
 * instances hold. Only identifiers checked at registration reach the text, and each is
 * checked again here.
 */

const name = (value: string) => `'${assertIdentifier(value, 'name')}'`;

function hopMatch(hop: Hop): string {
  const edge = hop.over === 'assignment' ? 'ASSIGNED_TO' : 'RELATES_TO';
  const pattern = hop.direction === 'forward' ? `(m)-[e:${edge}]->(n:Instance)` : `(m)<-[e:${edge}]-(n:Instance)`;
  const conditions = [
    hop.alias !== undefined ? `e.alias = ${name(hop.alias)}` : '',
    hop.type !== undefined ? `e.type = ${name(hop.type)}` : '',
    hop.pool !== undefined ? `e.pool = ${name(hop.pool)}` : '',
  ].filter(Boolean);
  return `MATCH ${pattern}${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
}

/** What the fact reads on a source instance `n`, as a list expression. */
function readExpression(fact: DerivedFact): string {
  const read = fact.read;
  if ('role' in read) {
    const [edge, label] = fact.category === 'place' ? ['AT_PLACE', 'Place'] : ['RELATED_PARTY', 'Party'];
    return `[(n)-[r:${edge}]->(p:${label}) WHERE r.role = ${name(read.role)} | p {.id, .name, .kind, .type}]`;
  }
  if ('characteristic' in read) return `[(n)-[:HAS_CHARACTERISTIC]->(c:Characteristic) WHERE c.name = ${name(read.characteristic)} | c.valueJson]`;
  if ('field' in read) return `[n.${assertIdentifier(read.field, 'field')}]`;
  throw new Error('assignment fields are read on the edge');
}

/** `{id: …, kind: …, type: …` of a source instance, for a map literal that goes on with its values. */
const sourceFields = (variable: string) => `id: ${variable}.id, kind: ${variable}.kind, type: ${variable}.type`;

function pathFact(fact: DerivedFact): string {
  const steps = fact.hops.map((hop, index) => {
    const previous = Array.from({ length: index + 1 }, (_, at) => `h${at}`).join(', ');
    return `WITH ${previous}, COLLECT { UNWIND h${index} AS m ${hopMatch(hop)} RETURN DISTINCT n } AS h${index + 1}`;
  });
  const last = `h${fact.hops.length}`;
  const reached = fact.hops.map((_, index) => `[x IN h${index + 1} | x.id]`).join(', ');
  return `COLLECT { WITH [i] AS h0
    ${steps.join('\n    ')}
    RETURN {name: ${name(fact.name)}, hops: [${reached}], sources: [n IN ${last} | {${sourceFields('n')}, values: ${readExpression(fact)}}]} }`;
}

/** A field of the values assigned to this instance: read on the assignment edge itself. */
function assignmentFact(fact: DerivedFact & { read: { assignmentField: string } }): string {
  const hop = fact.hops[0]!;
  return `COLLECT { WITH COLLECT { WITH i AS m ${hopMatch(hop)} RETURN {${sourceFields('n')}, value: e.${assertIdentifier(fact.read.assignmentField, 'field')}} } AS found
    RETURN {name: ${name(fact.name)}, hops: [[x IN found | x.id]], sources: [x IN found | {${sourceFields('x')}, values: [x.value]}]} }`;
}

function factExpression(fact: DerivedFact): string {
  return 'assignmentField' in fact.read ? assignmentFact(fact as DerivedFact & { read: { assignmentField: string } }) : pathFact(fact);
}

/** `CASE i.kind WHEN … THEN [facts…] … ELSE [] END`, or `[]` when no kind derives anything. */
export function derivedFactsExpression(registry: Registry): string {
  const branches = registry.all().flatMap((kind) =>
    kind.category === 'instance' && kind.derived.length > 0
      ? [`WHEN ${name(kind.name)} THEN ${kind.derived.map(factExpression).join('\n    + ')}`]
      : [],
  );
  return branches.length === 0 ? '[]' : `CASE i.kind\n  ${branches.join('\n  ')}\n  ELSE [] END`;
}
