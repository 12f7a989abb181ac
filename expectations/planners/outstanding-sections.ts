import { isPlainObject, type Json } from '../operators.js';

/** An unmet party or place: its role, and its id when the expectation names one. */
export interface UnmetRole {
  role: string;
  id?: string;
}

/**
 * The outstanding document (expectations/outstanding.ts) typed section by section, for the
 * section planners: objects by name, parties and places by role, relationships and
 * assignments by alias. A section that is met is absent.
 */
export interface OutstandingSections {
  /** `false`: the actual exists and must not. */
  exists?: Json;
  specification?: Json;
  name?: Json;
  state?: Json;
  characteristics?: Record<string, Json>;
  features?: Record<string, Json>;
  pools?: Record<string, Json>;
  inherited?: Record<string, Json>;
  parties?: UnmetRole[];
  places?: UnmetRole[];
  /** The aliases of the unmet relationships. */
  relationships?: string[];
  /** The aliases of the unmet slots. */
  assignments?: string[];
}

export function objectAt(document: Record<string, Json>, section: string): Record<string, Json> | undefined {
  const value = document[section];
  return isPlainObject(value) ? value : undefined;
}

/** The elements of a list section, each a plain object; undefined when the section is absent or empty. */
function elementsAt(document: Record<string, Json>, section: string): Array<Record<string, Json>> | undefined {
  const list = document[section];
  const elements = Array.isArray(list) ? list.filter(isPlainObject) : [];
  return elements.length > 0 ? elements : undefined;
}

function rolesAt(document: Record<string, Json>, section: 'parties' | 'places'): UnmetRole[] | undefined {
  return elementsAt(document, section)?.flatMap(({ role, id }) =>
    typeof role === 'string' ? [{ role, ...(typeof id === 'string' ? { id } : {}) }] : [],
  );
}

function aliasesAt(document: Record<string, Json>, section: 'relationships' | 'assignments'): string[] | undefined {
  return elementsAt(document, section)?.flatMap(({ alias }) => (typeof alias === 'string' ? [alias] : []));
}

export function outstandingSections(document: Record<string, Json>): OutstandingSections {
  return {
    exists: document.exists,
    specification: document.specification,
    name: document.name,
    state: document.state,
    characteristics: objectAt(document, 'characteristics'),
    features: objectAt(document, 'features'),
    pools: objectAt(document, 'pools'),
    inherited: objectAt(document, 'inherited'),
    parties: rolesAt(document, 'parties'),
    places: rolesAt(document, 'places'),
    relationships: aliasesAt(document, 'relationships'),
    assignments: aliasesAt(document, 'assignments'),
  };
}
