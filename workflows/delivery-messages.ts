/**
 * Names shared by the hub's delivery workflow and its clients. Delivery runs on a task queue of
 * its own beside the reconcile queue (`<queue>-hub`), polled by a worker of its own
 * (runtime/delivery-worker.ts): a subscriber that is slow or down holds delivery slots, never
 * the reconcilers'.
 */
export const deliveryTaskQueueOf = (reconcileQueue: string) => `${reconcileQueue}-hub`;

export const deliveryWorkflowIdOf = (subscriptionId: string) => `hub-delivery-${subscriptionId}`;
