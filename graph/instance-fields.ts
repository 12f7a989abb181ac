/** The state properties an instance node carries, by instance type (TMF638 / TMF639). */
export const serviceStateFields = ['state', 'operatingStatus', 'startDate', 'endDate'] as const;
export const resourceStateFields = ['lifecycleState', 'administrativeState', 'operationalState', 'usageState'] as const;

/**
 * The relationship types from an instance to the nodes that belong to it alone (deleted with
 * it). Not its events (`HAS_EVENT`): they carry its id and outlive it.
 */
export const ownPartsTypes = 'HAS_CHARACTERISTIC|HAS_FEATURE|HAS_POOL|HAS_NOTE|HAS_EXTERNAL_IDENTIFIER';
