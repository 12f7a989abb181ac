import { validateAgainstOfficial, type OfficialValidation, type TmfVersion } from './official-schemas.js';

/**
 * A catalog specification checked against the official TM Forum schema of its API and version:
 * TMF633 v4 `ServiceSpecification`, TMF634 v4 and v5 `ResourceSpecification`. TM Forum publishes
 * no TMF633 v5 file (api/tmf/official/README.md), so a v5 service specification is checked against
 * the v5 schemas TMF633 v5 shares with TMF634 v5: each `specCharacteristic` entry is a
 * `CharacteristicSpecification`, and the rest — the fields TMF633 v5's ServiceSpecification has
 * under the same names as ResourceSpecification (id, href, name, version, isBundle,
 * lifecycleStatus, category, featureSpecification, @type…) — meets `ResourceSpecification`.
 */
export function validateSpecification(
  version: TmfVersion,
  type: 'service' | 'resource',
  json: unknown,
): OfficialValidation {
  if (type === 'resource') return validateAgainstOfficial('TMF634', version, 'ResourceSpecification', json);
  if (version === 'v4') return validateAgainstOfficial('TMF633', 'v4', 'ServiceSpecification', json);
  const { specCharacteristic, ...shared } = json as Record<string, unknown>;
  const errors = [
    ...(specCharacteristic === undefined || Array.isArray(specCharacteristic)
      ? []
      : ['/specCharacteristic: must be array']),
    ...(Array.isArray(specCharacteristic) ? specCharacteristic : []).flatMap((entry, index) =>
      validateAgainstOfficial('TMF634', 'v5', 'CharacteristicSpecification', entry).errors.map((error) =>
        error.startsWith('/:')
          ? `/specCharacteristic/${index}${error.slice(1)}`
          : `/specCharacteristic/${index}${error}`,
      ),
    ),
    ...validateAgainstOfficial('TMF634', 'v5', 'ResourceSpecification', {
      ...shared,
      '@type': 'ResourceSpecification',
    }).errors,
  ];
  return { valid: errors.length === 0, errors };
}
