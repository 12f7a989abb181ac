/** The state properties an instance node carries, by instance type (TMF638 / TMF639). */
export const serviceStateFields = ['state', 'operatingStatus', 'startDate', 'endDate'] as const;
export const resourceStateFields = ['lifecycleState', 'administrativeState', 'operationalState', 'usageState'] as const;
