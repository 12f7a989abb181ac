import type { GeoPoint } from './geo.js';
import type { InheritedValue } from './inherited-values.js';
import type { RoleRef } from './instance-input.js';
import type { InstanceRef, InstanceType } from './instance-ref.js';
import type { PartyOrPlace } from './party-kind.js';
import type { Specification } from './specification.js';
import { renderTmfV4 } from './tmf/v4-json.js';

/**
 * An instance as read from the graph (InstanceSnapshot), and the TMF-shaped document change
 * events are made of. The TMF638/TMF639 renderings per version live in model/tmf/ (v4-json.ts,
 * v5-json.ts). Pure: the snapshot holds everything.
 */

export interface NamedValue {
  name: string;
  value: unknown;
}

export interface InstanceSnapshot {
  id: string;
  kind: string;
  type: InstanceType;
  name?: string;
  specification: Specification;
  states: Record<string, string | undefined>;
  characteristics: NamedValue[];
  features: Array<{ name: string; isEnabled: boolean; characteristics: NamedValue[] }>;
  pools: Array<{
    name: string;
    thing: string;
    first?: number;
    last?: number;
    algorithm?: string;
    assignableType?: string;
    assigned: number;
  }>;
  parties: Array<PartyOrPlace & { role: string }>;
  places: Array<PartyOrPlace & { role: string }>;
  relationships: Array<{ type: string; alias?: string; target: InstanceRef; characteristics: NamedValue[] }>;
  /**
   * Values this instance holds: other instances' pools gave them to it (it is the assignee),
   * each in a slot (its alias). An expectation's `assignments` are compared with these.
   */
  assignments: Array<{
    pool: string;
    thing: string;
    value: number;
    alias?: string;
    /** The owner and its places (with where each is, when it has a point): what an owner selector is compared with. */
    owner: InstanceRef & { places?: Array<RoleRef & { location?: GeoPoint }> };
  }>;
  /** Values this instance's pools have given out: `assignedTo` relationships to the assignees. */
  givenAssignments: Array<{ pool: string; thing: string; value: number; alias?: string; assignee: InstanceRef }>;
  /** TMF notes: who wrote what, when. */
  notes?: Array<{ id: string; date: string; text: string; author?: string }>;
  /** Identifiers other systems know the instance by, one per type. */
  externalIdentifiers?: Array<{ type: string; id: string; owner?: string }>;
  /** Inherited places, parties and characteristics and field reads: computed when read, never stored. */
  inherited?: InheritedValue[];
}

/**
 * The document change events diff (activities/run-task.ts): the v4 shape with the inventory's own
 * state names (`initial`, `suspended`, `lifecycleState`, … — the words expectations use, so no
 * transition is lost to a version that lacks a word for it) and hrefs relative to the server root
 * (events are stored; the public URL is a deployment's). The API and `diffo get` render with
 * renderTmfV4 / renderTmfV5 and a public base URL instead.
 */
export function renderTmf(instance: InstanceSnapshot): Record<string, unknown> {
  return renderTmfV4(instance, { baseUrl: '' }, 'inventory');
}
