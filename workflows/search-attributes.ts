import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * The custom search attributes that reconcile workflows keep current, so people can find
 * "all blocked Broadband expectations" in the Temporal UI. The Temporal server must know
 * them before a workflow sets them: the local dev server registers them at start
 * (infra/temporal), a shared server gets them through `temporal operator search-attribute create`.
 */
export const ExpectationId = defineSearchAttributeKey('ExpectationId', SearchAttributeType.KEYWORD);
export const KindName = defineSearchAttributeKey('KindName', SearchAttributeType.KEYWORD);
export const ReconcileStatus = defineSearchAttributeKey('ReconcileStatus', SearchAttributeType.KEYWORD);
export const OutstandingCount = defineSearchAttributeKey('OutstandingCount', SearchAttributeType.INT);

export const reconcileSearchAttributes = [ExpectationId, KindName, ReconcileStatus, OutstandingCount] as const;
