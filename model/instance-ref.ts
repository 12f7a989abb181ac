/** Whether an instance is a TMF638 Service or a TMF639 Resource. */
export const instanceTypes = ['service', 'resource'] as const;
export type InstanceType = (typeof instanceTypes)[number];

/** A reference to an instance: enough to name it, link to it (its href) and know its kind. */
export interface InstanceRef {
  id: string;
  type: InstanceType;
  kind: string;
}
